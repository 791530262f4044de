import Synchronization

/// Hands out process-unique connection ids.
enum ConnectionCounter {
    private static let last = Atomic<Int>(0)

    static func next() -> Int {
        last.wrappingAdd(1, ordering: .relaxed).newValue
    }
}
