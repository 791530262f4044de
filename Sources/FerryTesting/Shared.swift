import Synchronization

/// A value several threads of a test read and write (a `Mutex` a closure can capture).
public final class Shared<Value: Sendable>: Sendable {
    private let storage: Mutex<Value>

    public init(_ value: Value) { storage = Mutex(value) }

    public var value: Value { storage.withLock { $0 } }

    public func update<Result: Sendable>(_ change: (inout Value) -> Result) -> Result {
        storage.withLock { change(&$0) }
    }

    public func set(_ value: Value) { storage.withLock { $0 = value } }
}
