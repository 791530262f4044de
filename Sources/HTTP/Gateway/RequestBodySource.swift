/// Where a request body comes from: a FastCGI STDIN stream, a CGI process's standard
/// input, or bytes in memory (tests).
public protocol RequestBodySource {
    /// Reads up to `count` bytes; fewer only at the end of the body.
    mutating func read(upTo count: Int) -> [UInt8]
}

/// A body already in memory.
public struct BytesBodySource: RequestBodySource {
    private var remaining: ArraySlice<UInt8>

    public init(_ bytes: [UInt8]) { remaining = bytes[...] }

    public mutating func read(upTo count: Int) -> [UInt8] {
        let chunk = remaining.prefix(count)
        remaining = remaining.dropFirst(chunk.count)
        return Array(chunk)
    }
}
