#if canImport(Glibc)
import Glibc
#endif
import CFastCGI

/// How a serving thread waits for its next request without signals: it sleeps in
/// `epoll_wait` until the listening socket has a connection or the server's stop event
/// fires. Nothing ever interrupts libfcgi once it has a connection, so a stop cannot drop a
/// request that was accepted but whose parameters had not arrived yet.
///
/// The listening socket is added with EPOLLEXCLUSIVE, so a new connection wakes one idle
/// thread (as a blocking `accept` would), not every thread of every worker.
final class WorkWaiter: Sendable {
    enum Work { case connection, stop }

    private let epollFD: Int32
    private let stopFD: Int32

    init(listenFD: Int32, stopFD: Int32) throws(FastCGIError) {
        epollFD = epoll_create1(Int32(EPOLL_CLOEXEC))
        self.stopFD = stopFD
        guard epollFD >= 0 else { throw FastCGIError("epoll_create1 failed: \(String(cString: strerror(errno)))") }
        var stopEvent = epoll_event(events: EPOLLIN.rawValue, data: epoll_data_t(fd: stopFD))
        var listenEvent = epoll_event(events: EPOLLIN.rawValue | EPOLLEXCLUSIVE.rawValue, data: epoll_data_t(fd: listenFD))
        guard epoll_ctl(epollFD, EPOLL_CTL_ADD, stopFD, &stopEvent) == 0,
              epoll_ctl(epollFD, EPOLL_CTL_ADD, listenFD, &listenEvent) == 0 else {
            let reason = String(cString: strerror(errno))
            close(epollFD)
            throw FastCGIError("epoll_ctl failed: \(reason)")
        }
    }

    deinit { close(epollFD) }

    /// Until a connection waits on the listening socket, or the server stops (which wins).
    /// The stop event is an eventfd written once and never read, so it stays readable.
    func waitForConnection() -> Work {
        var events = (epoll_event(), epoll_event())
        while true {
            let count = withUnsafeMutableBytes(of: &events) {
                epoll_wait(epollFD, $0.baseAddress!.assumingMemoryBound(to: epoll_event.self), 2, -1)
            }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return .stop }
            return events.0.data.fd == stopFD || (count == 2 && events.1.data.fd == stopFD) ? .stop : .connection
        }
    }

    /// Until nginx sends the next request on a kept connection (or closes it), or the
    /// server stops. A request nginx sends just as the server stops is lost with the
    /// connection, and nginx retries a request that failed on a kept connection.
    func waitForRequest(onKeptConnection fd: Int32) -> Work {
        var fds = (pollfd(fd: fd, events: Int16(POLLIN), revents: 0), pollfd(fd: stopFD, events: Int16(POLLIN), revents: 0))
        while true {
            let count = withUnsafeMutableBytes(of: &fds) { poll($0.baseAddress!.assumingMemoryBound(to: pollfd.self), 2, -1) }
            if count < 0 && errno == EINTR { continue }
            return count > 0 && fds.1.revents == 0 ? .connection : .stop
        }
    }
}
