import CFastCGI
#if canImport(Glibc)
import Glibc
#endif

/// One accepted FastCGI request: its params, its STDIN stream and its STDOUT stream.
/// It borrows the thread's `FCGX_Request`, which must stay at a fixed address.
public struct FastCGIExchange {
    let request: UnsafeMutablePointer<FCGX_Request>
    /// Which of the server's threads answers it (0 ..< threads), for per-thread bookkeeping.
    public let thread: Int

    /// The FastCGI params (CGI meta-variables) nginx sent that Ferry reads.
    public var params: [String: String] { Self.parse(request.pointee.envp) }

    /// What `CGIGateway` and the scoreboard read: the request line, the body's type and
    /// length, the client's address, and every header (`HTTP_*`). nginx sends a dozen more
    /// (`SERVER_*`, `DOCUMENT_ROOT`, ...) that would only be copied and hashed per request.
    static let namesRead: [StaticString] = [
        "REQUEST_METHOD", "REQUEST_URI", "DOCUMENT_URI", "SCRIPT_NAME", "PATH_INFO", "QUERY_STRING",
        "CONTENT_TYPE", "CONTENT_LENGTH", "REMOTE_ADDR",
    ]

    static func isRead(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        name.hasPrefix("HTTP_") || namesRead.contains { name.count == $0.utf8CodeUnitCount && name.hasPrefix($0) }
    }

    /// Splits `NAME=value` C strings at their first `=`, on bytes, keeping the names Ferry
    /// reads (this runs per request).
    static func parse(_ environment: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> [String: String] {
        var params: [String: String] = Dictionary(minimumCapacity: 16)
        guard var entry = environment else { return params }
        while let pointer = entry.pointee {
            let length = strlen(pointer)
            pointer.withMemoryRebound(to: UInt8.self, capacity: length) { bytes in
                let pair = UnsafeBufferPointer(start: bytes, count: length)
                if let equals = pair.firstIndex(of: UInt8(ascii: "=")) {
                    let name = UnsafeBufferPointer(rebasing: pair[..<equals])
                    if isRead(name) {
                        params[String(decoding: name, as: UTF8.self)] =
                            String(decoding: UnsafeBufferPointer(rebasing: pair[(equals + 1)...]), as: UTF8.self)
                    }
                }
            }
            entry += 1
        }
        return params
    }

    /// Reads up to `count` bytes of the request body (fewer only at its end).
    public func read(upTo count: Int) -> [UInt8] {
        guard count > 0 else { return [] }
        return [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            var total = 0
            while total < count {
                let chunk = min(count - total, Int(Int32.max))
                let got = buffer.baseAddress!.advanced(by: total).withMemoryRebound(to: CChar.self, capacity: chunk) {
                    FCGX_GetStr($0, Int32(chunk), request.pointee.in)
                }
                if got <= 0 { break }
                total += Int(got)
            }
            initialized = total
        }
    }

    /// Reads and discards what is left of the body, up to `limit` bytes; true when the
    /// stream ended cleanly (then nothing unread is left to turn a close into a reset).
    func drainInput(limit: Int) -> Bool {
        var drained = 0
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 65536) { buffer in
            while drained <= limit {
                let got = FCGX_GetStr(buffer.baseAddress, Int32(buffer.count), request.pointee.in)
                if got <= 0 { return FCGX_GetError(request.pointee.in) == 0 }
                drained += Int(got)
            }
            return false
        }
    }

    /// Writes response bytes (CGI format: `Status:`, headers, blank line, body).
    /// A client that has gone away is not an error worth more than dropping the bytes.
    public func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress?.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                _ = FCGX_PutStr($0, Int32(buffer.count), request.pointee.out)
            }
        }
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// A byte comparison: the generic `starts(with:)` of a String's UTF-8 was ten times slower.
    func hasPrefix(_ prefix: StaticString) -> Bool {
        count >= prefix.utf8CodeUnitCount && memcmp(baseAddress!, prefix.utf8Start, prefix.utf8CodeUnitCount) == 0
    }
}
