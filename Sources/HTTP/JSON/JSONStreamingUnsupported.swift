/// Thrown by `StreamingJSONEncoder` for what it cannot write in one pass, though Foundation's
/// tree-building `JSONEncoder` can: bytes already written cannot be taken back or reopened.
/// `JSONCoding.encode` answers it by encoding the value with Foundation's encoder instead.
public struct JSONStreamingUnsupported: Error, CustomStringConvertible {
    public let codingPath: [any CodingKey]
    public let reason: String

    /// A nested container or super encoder written to after a later sibling had started.
    static func containerUsedOutOfOrder(at codingPath: [any CodingKey]) -> JSONStreamingUnsupported {
        JSONStreamingUnsupported(codingPath: codingPath, reason: "a container was written to after a later sibling value had started")
    }

    /// An error thrown by a value after its key was written, caught by an `encode(to:)` that went on.
    static func valueAbandoned(at codingPath: [any CodingKey]) -> JSONStreamingUnsupported {
        JSONStreamingUnsupported(codingPath: codingPath, reason: "a value failed after its key was written and the error was caught")
    }

    public var description: String {
        "cannot stream JSON at '\(codingPath.map(\.stringValue).joined(separator: "."))': \(reason)"
    }
}
