#if canImport(Glibc)
import Glibc
#endif
import CFastCGI
import Synchronization

/// A FastCGI worker: `threads` threads each accept and answer one request at a time on
/// a shared listening socket (libfcgi's thread-safe API), as PHP-FPM children do.
///
/// Stopping is graceful: SIGTERM, SIGINT, SIGQUIT or SIGHUP (or `stop()`) make idle threads
/// leave at once, while busy threads finish their request before they exit. After SIGTERM
/// or SIGINT they get `gracePeriod` seconds for that; then `run` returns without them.
/// Idle threads wait in `WorkWaiter`, never in a blocking `accept`, so the stop needs no
/// signal to reach them, and a connection a thread has accepted is always answered.
public final class FastCGIServer: Sendable {
    public struct Configuration: Sendable {
        public var listen: ListenAddress
        public var threads: Int
        public var backlog: Int
        /// Permissions of a unix socket Ferry creates (nginx's workers must be able to write it).
        public var socketMode: mode_t
        /// Whether `run` owns SIGTERM/SIGINT/SIGQUIT/SIGHUP/SIGUSR1; an embedding program may do it itself.
        public var handlesSignals: Bool
        /// After SIGTERM/SIGINT, seconds busy threads get to finish; nil: as long as they take.
        public var gracePeriod: Double?
        /// Called once every thread is accepting.
        public var onReady: @Sendable () -> Void
        /// SIGUSR1: reopen log files.
        public var onReopenLogs: @Sendable () -> Void

        public init(listen: ListenAddress, threads: Int = 4, backlog: Int = 1024, socketMode: mode_t = 0o660, handlesSignals: Bool = true,
                    gracePeriod: Double? = nil, onReady: @escaping @Sendable () -> Void = {}, onReopenLogs: @escaping @Sendable () -> Void = {}) {
            self.listen = listen
            self.threads = threads
            self.backlog = backlog
            self.socketMode = socketMode
            self.handlesSignals = handlesSignals
            self.gracePeriod = gracePeriod
            self.onReady = onReady
            self.onReopenLogs = onReopenLogs
        }
    }

    public typealias Handler = @Sendable (FastCGIExchange) -> Void

    public let configuration: Configuration
    private let log: @Sendable (String) -> Void
    private let state = Mutex(State())

    private struct State {
        /// Monotonic nanoseconds after which `run` stops waiting for busy threads.
        var deadline: Int64?
        var threads: [pthread_t] = []
        var finished = 0
    }

    /// FCGX_Init sets up libfcgi's process-wide state without a lock: once per process
    /// (a static `let` is initialised exactly once, whichever thread gets there first).
    private static let libraryInitialized = FCGX_Init() == 0

    /// An eventfd written once by `stop`: it wakes every idle thread, and stays readable.
    private let stopEvent = eventfd(0, Int32(EFD_CLOEXEC))

    public init(configuration: Configuration, log: @escaping @Sendable (String) -> Void) {
        self.configuration = configuration
        self.log = log
    }

    deinit { close(stopEvent) }

    /// Opens (or adopts) the listening socket, serves until stopped, then returns once
    /// every in-flight request has been answered.
    public func run(_ handler: @escaping Handler) throws(FastCGIError) {
        guard Self.libraryInitialized else { throw FastCGIError("FCGX_Init failed") }
        guard stopEvent >= 0 else { throw FastCGIError("eventfd failed: \(String(cString: strerror(errno)))") }
        let listenFD = try Self.openListeningSocket(configuration.listen, backlog: configuration.backlog, socketMode: configuration.socketMode)
        // Threads accept only when epoll says a connection waits; another worker may take it
        // first, and then `accept` must say EAGAIN instead of blocking.
        _ = fcntl(listenFD, F_SETFL, fcntl(listenFD, F_GETFL) | O_NONBLOCK)
        let threadCount = max(1, configuration.threads)
        let waiters = try (0..<threadCount).map { _ throws(FastCGIError) in try WorkWaiter(listenFD: listenFD, stopFD: stopEvent) }
        if configuration.handlesSignals { SignalHandling.takeOverStopSignals() }

        log("listening on \(configuration.listen) with \(threadCount) thread\(threadCount == 1 ? "" : "s")")
        // Ready before the first accept: the socket already queues requests, and a state a
        // request sets later (retiring after --max-requests) must not be overwritten.
        configuration.onReady()
        for (index, waiter) in waiters.enumerated() {
            let thread = Threads.start { [self] in self.serve(index: index, waiter: waiter, listenFD: listenFD, handler: handler) }
            state.withLock { $0.threads.append(thread) }
        }
        if configuration.handlesSignals {
            _ = Threads.start { [self] in self.takeSignals() }
        }
        waitUntilStopped()
        // Connections still waiting in the backlog are refused at once rather than left hanging.
        close(listenFD)
        if case .unix(let path) = configuration.listen { unlink(path) }
        log("stopped")
    }

    private func takeSignals() {
        while true {
            let signal = SignalHandling.waitForStopSignal()
            switch signal {
            case SIGUSR1:
                configuration.onReopenLogs()
                log("received SIGUSR1: reopened log files")
                continue
            case SIGTERM, SIGINT:
                if let grace = configuration.gracePeriod {
                    log("received \(SignalHandling.name(signal)): finishing in-flight requests within \(grace) s, then stopping")
                    stop(within: grace)
                } else {
                    log("received \(SignalHandling.name(signal)): finishing in-flight requests, then stopping")
                    stop()
                }
            default:
                log("received \(SignalHandling.name(signal)): finishing in-flight requests, then stopping")
                stop()
            }
        }
    }

    /// Begins a graceful stop; `run` returns once the busy threads are done.
    public func stop() {
        // Not FCGX_ShutdownPending(): its flag is process-wide and never cleared.
        signalStop()
    }

    /// Begins a stop that waits at most `seconds` for busy threads (a later graceful
    /// `stop()` does not lift the limit).
    public func stop(within seconds: Double) {
        let deadline = Self.monotonicNow() + Int64(seconds * 1e9)
        state.withLock { $0.deadline = min($0.deadline ?? deadline, deadline) }
        signalStop()
    }

    private func signalStop() {
        var one: UInt64 = 1
        _ = write(stopEvent, &one, 8)
    }

    private static func monotonicNow() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }

    private func serve(index: Int, waiter: WorkWaiter, listenFD: Int32, handler: Handler) {
        let request = UnsafeMutablePointer<FCGX_Request>.allocate(capacity: 1)
        defer {
            request.deallocate()
            state.withLock { $0.finished += 1 }
        }
        FCGX_InitRequest(request, listenFD, 0)
        while true {
            // nginx's `fastcgi_keep_conn on` keeps a connection, and its thread, for the next request.
            let keptConnection = request.pointee.ipcFd
            let work = keptConnection >= 0 ? waiter.waitForRequest(onKeptConnection: keptConnection) : waiter.waitForConnection()
            if work == .stop { break }
            let accepted = FCGX_Accept_r(request)
            // EAGAIN: another thread took the connection first, or nginx closed the kept one.
            if accepted == -EAGAIN || accepted == -EWOULDBLOCK { continue }
            if accepted < 0 {
                log("accept failed (errno \(-accepted)); retrying")
                usleep(10_000)
                continue
            }
            let exchange = FastCGIExchange(request: request, thread: index)
            handler(exchange)
            // libfcgi closes with a "lingering" shutdown that waits (up to 2 s) for nginx to
            // close first, holding this thread; that wait only guards against unread input,
            // so skip it (FCGX_Detach) once the input is known to be fully read.
            if exchange.drainInput(limit: 16 << 20) { FCGX_Detach(request) }
            FCGX_Finish_r(request)
        }
        if request.pointee.ipcFd >= 0 { close(request.pointee.ipcFd) }
        FCGX_Free(request, 0)
    }

    /// Waits for the stop, then for the busy threads to finish their requests (within the
    /// deadline, if there is one).
    private func waitUntilStopped() {
        var stopFD = pollfd(fd: stopEvent, events: Int16(POLLIN), revents: 0)
        while poll(&stopFD, 1, -1) <= 0 {}
        while true {
            let (threads, finished, deadline) = state.withLock { ($0.threads, $0.finished, $0.deadline) }
            if finished == threads.count { break }
            if let deadline, Self.monotonicNow() >= deadline {
                // The busy threads die with the process when the caller returns from main.
                log("grace period over with \(threads.count - finished) request\(threads.count - finished == 1 ? "" : "s") still running: stopping without them")
                return
            }
            usleep(20_000)
        }
        for thread in state.withLock({ $0.threads }) { pthread_join(thread, nil) }
    }

    /// Opens (or adopts) a listening socket: also what a prefork master binds once for all
    /// its workers.
    public static func openListeningSocket(_ listen: ListenAddress, backlog: Int, socketMode: mode_t) throws(FastCGIError) -> Int32 {
        switch listen {
        case .inherited:
            guard CGIExchange.standardInputIsListeningSocket else {
                throw FastCGIError("fd 0 is not a listening socket: start Ferry under spawn-fcgi or supervisord's fcgi-program, or pass --listen")
            }
            return 0
        case .unix(let path):
            // A socket left by a crashed worker would make bind fail; a live one is in use.
            if Self.isLiveUnixSocket(path) { throw FastCGIError("\(path) is in use by another running server") }
            unlink(path)
            let fd = FCGX_OpenSocket(path, Int32(backlog))
            guard fd >= 0 else { throw FastCGIError("cannot listen on \(path): \(String(cString: strerror(errno)))") }
            chmod(path, socketMode)
            return fd
        case .tcp:
            let fd = FCGX_OpenSocket(listen.socketPath, Int32(backlog))
            guard fd >= 0 else { throw FastCGIError("cannot listen on \(listen): \(String(cString: strerror(errno)))") }
            return fd
        }
    }

    private static func isLiveUnixSocket(_ path: String) -> Bool {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard path.utf8.count < capacity else { return false }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: path.utf8)
            raw[path.utf8.count] = 0
        }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        return connected == 0
    }
}
