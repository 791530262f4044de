#if canImport(Glibc)
import Glibc
#endif

/// Clocks in nanoseconds. CLOCK_MONOTONIC is system-wide on Linux, so the master can
/// compare a request start a worker wrote with its own "now".
public enum MonotonicClock {
    public static func now() -> Int64 { read(CLOCK_MONOTONIC) }

    /// Wall-clock time, for uptimes shown to operators.
    public static func wallNow() -> Int64 { read(CLOCK_REALTIME) }

    public static func seconds(_ nanoseconds: Int64) -> Double { Double(nanoseconds) / 1e9 }

    public static func nanoseconds(_ seconds: Double) -> Int64 { Int64(seconds * 1e9) }

    private static func read(_ clock: clockid_t) -> Int64 {
        var time = timespec()
        clock_gettime(clock, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }
}
