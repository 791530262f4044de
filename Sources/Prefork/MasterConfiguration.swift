/// What the master needs to run a pool; it knows nothing of what the workers serve.
public struct MasterConfiguration: Sendable {
    /// Worker processes to keep running.
    public var workers: Int
    /// Threads each worker runs (sizes the scoreboard).
    public var threadsPerWorker: Int
    /// SIGTERM/SIGINT: how long workers may finish their requests before they are killed.
    public var gracePeriod: Double
    /// A request running longer gets its worker killed and replaced; nil: no limit.
    public var requestTimeout: Double?
    /// The worker executable (this program, resolved at start so a reload runs the
    /// binary now installed at that path).
    public var executable: String
    /// The worker's arguments for a scoreboard slot (without argv[0]).
    public var workerArguments: @Sendable (_ slot: Int) -> [String]
    /// A unix socket path to unlink when stopping, so new connections fail at once.
    public var socketPath: String?
    /// SIGUSR1: reopen the master's own log file (workers get SIGUSR1 too).
    public var reopenLogs: @Sendable () -> Void

    public init(workers: Int, threadsPerWorker: Int, gracePeriod: Double, requestTimeout: Double?, executable: String,
                workerArguments: @escaping @Sendable (Int) -> [String], socketPath: String? = nil,
                reopenLogs: @escaping @Sendable () -> Void = {}) {
        self.workers = workers
        self.threadsPerWorker = threadsPerWorker
        self.gracePeriod = gracePeriod
        self.requestTimeout = requestTimeout
        self.executable = executable
        self.workerArguments = workerArguments
        self.socketPath = socketPath
        self.reopenLogs = reopenLogs
    }

    /// Room for a whole second generation during a reload, plus replacements.
    var scoreboardSlots: Int { 2 * workers + 4 }
}
