#if canImport(Glibc)
import Glibc
#endif

/// Signals as a worker sees them. Control signals are blocked in every thread and taken by
/// one thread with `sigwait`, so no handler runs in the middle of a request; a separate
/// wake signal, with a handler that does nothing, interrupts threads blocked in `accept`.
///
/// SIGTERM/SIGINT stop within the grace period; SIGQUIT and SIGHUP stop gracefully (a
/// worker cannot reload itself: under a master or a supervisor its replacement is the
/// reload); SIGUSR1 reopens log files. SIGUSR1 must be blocked in any case: libfcgi's own
/// handler for it would make every later accept fail.
enum SignalHandling {
    static let wakeSignal = SIGUSR2
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

    /// Each accepting thread must receive the wake signal whatever mask it inherited.
    static func unblockWakeSignal() {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, wakeSignal)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    static func waitForStopSignal() -> Int32 {
        var set = sigset_t()
        sigemptyset(&set)
        for signal in stopSignals { sigaddset(&set, signal) }
        var received: Int32 = 0
        while sigwait(&set, &received) != 0 {}
        return received
    }

    /// No SA_RESTART: the interrupted `accept` must fail with EINTR.
    static func installWakeHandler() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(wakeSignal, &action, nil)
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
