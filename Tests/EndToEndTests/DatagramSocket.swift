import FerryTesting
import Foundation

/// A unix datagram socket standing in for systemd's $NOTIFY_SOCKET.
final class DatagramSocket {
    let path: String
    private let descriptor: Int32

    init(path: String) throws {
        self.path = path
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: path.utf8.prefix(raw.count - 1))
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0 else { throw SetupFailure(description: "bind \(path): \(String(cString: strerror(errno)))") }
    }

    // The only close (deinit also runs when init throws after `descriptor` is set).
    deinit { close(descriptor) }

    /// One datagram, or nil after `timeoutSeconds`.
    func receive(timeoutSeconds: Int) -> String? {
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var buffer = [UInt8](repeating: 0, count: 4096)
        let got = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        guard got > 0 else { return nil }
        return String(decoding: buffer[..<got], as: UTF8.self)
    }
}
