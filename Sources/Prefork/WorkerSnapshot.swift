/// One worker slot as read from the scoreboard at one moment.
public struct WorkerSnapshot: Sendable, Equatable {
    public let slot: Int
    public let pid: Int32
    public let state: WorkerState
    /// Bumped by each reload (SIGHUP): workers of an older generation are on their way out.
    public let generation: Int
    /// Wall-clock nanoseconds when the master spawned it.
    public let startedAt: Int64
    public let requestsServed: Int
    public let requests: [RequestSnapshot]

    public var uptimeSeconds: Double { MonotonicClock.seconds(MonotonicClock.wallNow() - startedAt) }
}
