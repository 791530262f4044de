#if canImport(Glibc)
import Glibc
#endif
import CFastCGI

/// A plain CGI request: params in the environment, the body on standard input, the
/// response on standard output. libfcgi has no CGI fallback for `FCGX_Accept_r`, so this
/// is Ferry's own.
public struct CGIExchange {
    public init() {}

    /// True when fd 0 is not a listening socket, i.e. the process was not started by a
    /// FastCGI spawner (spawn-fcgi, supervisord `fcgi-program`).
    public static var standardInputIsListeningSocket: Bool { FCGX_IsCGI() == 0 }

    /// True when a web server ran this process as a CGI script.
    public static var isCGIRequest: Bool { getenv("GATEWAY_INTERFACE") != nil && getenv("REQUEST_METHOD") != nil }

    public var params: [String: String] { FastCGIExchange.parse(environ) }

    public func read(upTo count: Int) -> [UInt8] {
        guard count > 0 else { return [] }
        return [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            var total = 0
            while total < count {
                let got = Glibc.read(0, buffer.baseAddress! + total, count - total)
                if got < 0 && errno == EINTR { continue }
                if got <= 0 { break }
                total += got
            }
            initialized = total
        }
    }

    public func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(1, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 && errno == EINTR { continue }
                if written <= 0 { return }
                offset += written
            }
        }
    }
}
