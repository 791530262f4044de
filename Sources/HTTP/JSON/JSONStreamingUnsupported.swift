/// Thrown by `StreamingJSONEncoder` when a container is written to after the encoder has moved
/// past it (a nested container or super encoder used after a later sibling was written): bytes
/// already written cannot be reopened. `JSONCoding.encode` answers it by encoding the value
/// with Foundation's tree-building `JSONEncoder` instead.
public struct JSONStreamingUnsupported: Error, CustomStringConvertible {
    public let codingPath: [any CodingKey]

    public var description: String {
        let path = codingPath.map(\.stringValue).joined(separator: ".")
        return "a JSON container at '\(path)' was written to after a later sibling value had started; "
            + "the streaming encoder writes each value once, in order"
    }
}
