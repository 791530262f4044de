import HTTP
import Prefork
#if canImport(Glibc)
import Glibc
#endif

/// The body of `GET /health/pool`.
struct PoolReport: Encodable, SchemaDescribed {
    /// `prefork` under a Ferry master, `single` for a worker on its own (spawn-fcgi, supervisord).
    let mode: String
    let masterPid: Int
    let answeredBy: Int
    let workersConfigured: Int
    let generation: Int
    let uptimeSeconds: Double
    let workers: [WorkerReport]

    init(link: WorkerLink) {
        let board = link.scoreboard
        mode = link.isSupervised ? "prefork" : "single"
        masterPid = Int(board.masterPID)
        answeredBy = Int(getpid())
        workersConfigured = board.configuredWorkers
        generation = board.generation
        uptimeSeconds = MonotonicClock.seconds(MonotonicClock.wallNow() - board.masterStartedAt)
        workers = board.snapshot().map(WorkerReport.init)
    }

    static let schema = JSONSchema.object([
        "mode": .string(enum: ["prefork", "single"]),
        "master_pid": .integer(minimum: 1),
        "answered_by": JSONSchema.integer(minimum: 1).described("The pid of the worker that answered"),
        "workers_configured": .integer(minimum: 1),
        "generation": JSONSchema.integer(minimum: 1).described("Bumped by every reload (SIGHUP)"),
        "uptime_seconds": .number(minimum: 0),
        "workers": .array(.ref(WorkerReport.self)),
    ], required: ["mode", "master_pid", "answered_by", "workers_configured", "generation", "uptime_seconds", "workers"])
}
