#if canImport(Glibc)
import Glibc
#endif

/// Signals as a worker sees them. Control signals are blocked in every thread and taken by
/// one thread with `sigwait`, so no handler runs in the middle of a request, and no system
/// call of libfcgi's is ever interrupted.
///
/// SIGTERM/SIGINT stop within the grace period; SIGQUIT and SIGHUP stop gracefully (a
/// worker cannot reload itself: under a master or a supervisor its replacement is the
/// reload); SIGUSR1 reopens log files. SIGUSR1 must be blocked in any case: libfcgi's own
/// handler for it would make every later accept fail.
enum SignalHandling {
    static let stopSignals = [SIGTERM, SIGINT, SIGQUIT, SIGHUP, SIGUSR1]

    /// Call before starting threads: they inherit the mask. The mask is set outright, not
    /// added to, because a parent (a test runner, a supervisor) may hand down one that
    /// blocks or ignores signals Ferry relies on.
    static func takeOverStopSignals() {
        for signal in stopSignals { Glibc.signal(signal, SIG_DFL) }
        var set = sigset_t()
        sigemptyset(&set)
        for signal in stopSignals { sigaddset(&set, signal) }
        pthread_sigmask(SIG_SETMASK, &set, nil)
    }

    static func waitForStopSignal() -> Int32 {
        var set = sigset_t()
        sigemptyset(&set)
        for signal in stopSignals { sigaddset(&set, signal) }
        var received: Int32 = 0
        while sigwait(&set, &received) != 0 {}
        return received
    }

    static func name(_ signal: Int32) -> String {
        switch signal {
        case SIGTERM: "SIGTERM"
        case SIGINT: "SIGINT"
        case SIGQUIT: "SIGQUIT"
        case SIGHUP: "SIGHUP"
        case SIGUSR1: "SIGUSR1"
        default: "signal \(signal)"
        }
    }
}
