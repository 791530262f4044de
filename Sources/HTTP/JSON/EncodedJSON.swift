/// A value encoded before by `JSONCoding.encode` (a cached object, say): the streaming encoder
/// copies its bytes into the document as they are; any other encoder gets the value they parse to.
public struct EncodedJSON: Sendable {
    public let bytes: [UInt8]

    public init(_ value: some Encodable) throws {
        bytes = try JSONCoding.encode(value)
    }

    /// Bytes that are one JSON value already (a cached value with one member replaced, say).
    public init(encoded bytes: [UInt8]) {
        self.bytes = bytes
    }
}
