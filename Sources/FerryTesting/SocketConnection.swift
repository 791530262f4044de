#if canImport(Glibc)
import Glibc
#endif

/// A blocking stream socket to a unix path or 127.0.0.1:port, for test clients.
public final class SocketConnection: @unchecked Sendable {  // one thread uses it at a time
    public let descriptor: Int32

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public init(unixPath path: String) throws {
        descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: path.utf8.prefix(raw.count - 1))
            raw[min(path.utf8.count, raw.count - 1)] = 0
        }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard result == 0 else { throw Failure(description: "connect \(path): \(String(cString: strerror(errno)))") }
    }

    public init(port: Int, host: String = "127.0.0.1") throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, host, &address.sin_addr)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else { throw Failure(description: "connect \(host):\(port): \(String(cString: strerror(errno)))") }
    }

    // The only close: deinit also runs when an init throws after `descriptor` is set, so
    // closing there too would close whatever the number was reused for meanwhile.
    deinit { close(descriptor) }

    /// Sends every byte (ignoring SIGPIPE: a closed peer is reported as an error).
    public func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent < 0 && errno == EINTR { continue }
            guard sent > 0 else { throw Failure(description: "send: \(String(cString: strerror(errno)))") }
            offset += sent
        }
    }

    /// Reads until the peer closes the connection.
    public func receiveAll() -> [UInt8] {
        var bytes: [UInt8] = []
        while let chunk = receive(), !chunk.isEmpty { bytes += chunk }
        return bytes
    }

    /// One read; empty at end of stream, nil on error.
    public func receive(max: Int = 65536) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: max)
        while true {
            let got = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, max, 0) }
            if got < 0 && errno == EINTR { continue }
            guard got >= 0 else { return nil }
            return Array(buffer[..<got])
        }
    }

    /// Fails reads that wait longer than this, so a hung server fails the test instead of hanging it.
    public func setReceiveTimeout(seconds: Int) {
        var timeout = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }
}
