import CFastCGI

/// One accepted FastCGI request: its params, its STDIN stream and its STDOUT stream.
/// It borrows the thread's `FCGX_Request`, which must stay at a fixed address.
public struct FastCGIExchange {
    let request: UnsafeMutablePointer<FCGX_Request>

    /// The FastCGI params (CGI meta-variables) nginx sent.
    public var params: [String: String] {
        var params: [String: String] = [:]
        guard var entry = request.pointee.envp else { return params }
        while let pointer = entry.pointee {
            let pair = String(cString: pointer)
            if let equals = pair.firstIndex(of: "=") {
                params[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
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
