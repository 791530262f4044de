/// Gives every request an id: the client's `X-Request-ID` when it is short and plain,
/// else a new one. It is echoed in the response so logs and clients can be matched.
public struct RequestIDMiddleware<Context>: Middleware {
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) throws -> Response) throws -> Response {
        var request = request
        request.id = Self.acceptable(request.headers["x-request-id"]) ?? Self.generate()
        var response = try next(request, context)
        response.headers.set("x-request-id", request.id)
        return response
    }

    static func acceptable(_ candidate: String?) -> String? {
        guard let candidate, (1...128).contains(candidate.utf8.count),
              candidate.utf8.allSatisfy({ $0 < 0x80 && ($0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") || Character(Unicode.Scalar($0)).isLetter || Character(Unicode.Scalar($0)).isNumber) })
        else { return nil }
        return candidate
    }

    /// 16 hex digits: a random prefix drawn once per process, then a counter. Unique across
    /// a pool's workers and restarts without a `getrandom` system call per request.
    static func generate() -> String {
        let serial = RequestIDSequence.next()
        return String(unsafeUninitializedCapacity: 16) { buffer in
            for position in 0..<16 {
                let nibble = UInt8(truncatingIfNeeded: serial >> (60 - 4 * UInt64(position))) & 0xF
                buffer[position] = nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
            }
            return 16
        }
    }
}
