/// A worker slot's state in the scoreboard, as the status page shows it.
public enum WorkerState: Int64, Sendable, CaseIterable {
    /// Free: no process.
    case empty = 0
    /// Spawned, not yet accepting (opening its database pool, say).
    case starting = 1
    /// Accepting requests.
    case ready = 2
    /// Reached --max-requests: finishing its requests; the master starts its replacement.
    case retiring = 3
    /// Told to stop (reload, shutdown, request timeout): accepts nothing new.
    case stopping = 4

    public var name: String {
        switch self {
        case .empty: "empty"
        case .starting: "starting"
        case .ready: "ready"
        case .retiring: "retiring"
        case .stopping: "stopping"
        }
    }
}
