import ArgumentParser
import FastCGI
import FerryAPI
import HTTP
#if canImport(Glibc)
import Glibc
#endif

/// `ferry serve`: a prefork pool (a master and worker processes), or one worker process.
struct ServeCommand: ParsableCommand {
    /// Chosen by measurement on a 2-core machine (README, Operations): 4 × 1 tied for the
    /// best figures and isolates requests best; one process alone needs threads instead.
    static let defaultWorkers = 4
    static let defaultThreadsPerWorker = 1
    static let defaultThreadsAlone = 4

    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the API over FastCGI.",
        discussion: """
            Listens on --listen; without it, uses the listening socket inherited on fd 0 when \
            started by spawn-fcgi or supervisord's fcgi-program, else 127.0.0.1:9000.

            With --workers N (N >= 1; the default when Ferry binds the socket itself) a master \
            process binds the socket once, starts N worker processes on it and supervises them: \
            it restarts the dead (with back-off), replaces a worker after --max-requests and \
            kills one whose request runs past --request-timeout. With --workers 0 (the default \
            on an inherited socket, where the supervisor is the master) this process serves alone.

            Signals: SIGTERM and SIGINT stop (requests in flight get --grace-period seconds), \
            SIGQUIT stops once every request is answered, SIGHUP reloads (new workers start, \
            then the old finish their requests and leave; the socket stays open; a single \
            process just stops gracefully, for its supervisor to restart), SIGUSR1 reopens \
            --log-file. GET /health/pool shows every worker: pid, state, requests served, uptime.
            """
    )

    @Option(help: "unix:/path/to.sock, HOST:PORT, :PORT or fd:0 (inherited socket).")
    var listen: String?

    @Option(help: ArgumentHelp(
        "Worker processes under a master (0: serve in this one process).",
        discussion: "Default: \(defaultWorkers) when Ferry binds the socket, 0 on a socket inherited from spawn-fcgi or supervisord."))
    var workers: Int?

    @Option(help: ArgumentHelp(
        "Threads per worker process accepting and answering requests, one request each at a time.",
        discussion: "Default: \(defaultThreadsPerWorker) under a master, \(defaultThreadsAlone) in a process serving alone."))
    var threads: Int?

    @Option(help: "A worker process exits after answering this many requests, and is replaced (0: never).")
    var maxRequests: Int = 0

    @Option(help: "Seconds a request may run before its worker process is killed and replaced (0: no limit; needs --workers >= 1).")
    var requestTimeout: Double = 0

    @Option(help: "Seconds requests in flight get to finish after SIGTERM or SIGINT before they are cut off.")
    var gracePeriod: Double = 30

    @Option(help: "Append logs to this file instead of standard error; SIGUSR1 reopens it (for logrotate).")
    var logFile: String?

    @Option(help: "Permissions of the unix socket, in octal (nginx's workers must be able to write it).")
    var socketMode: String = "0660"

    @Option(help: "Pending connections the kernel queues before refusing.")
    var backlog: Int = 1024

    /// Set by the master on the workers it spawns: the scoreboard slot (socket on fd 0, scoreboard on fd 3).
    @Option(help: .hidden)
    var workerSlot: Int?

    func validate() throws {
        if let threads { guard (1...1024).contains(threads) else { throw ValidationError("--threads must be from 1 to 1024") } }
        if let workers { guard (0...256).contains(workers) else { throw ValidationError("--workers must be from 0 to 256") } }
        guard maxRequests >= 0 else { throw ValidationError("--max-requests must be 0 (never) or more") }
        guard requestTimeout >= 0 else { throw ValidationError("--request-timeout must be 0 (no limit) or more seconds") }
        guard gracePeriod >= 0 else { throw ValidationError("--grace-period must be 0 or more seconds") }
        guard mode_t(socketMode, radix: 8) != nil else { throw ValidationError("--socket-mode must be octal, like 0660") }
        if let listen { _ = try ListenAddress(parsing: listen) }
        if requestTimeout > 0 && workers == 0 {
            throw ValidationError("--request-timeout needs a master to kill the worker: use --workers 1 or more")
        }
    }

    func run() throws {
        if let logFile { LogFile(path: logFile).reopen() }
        if let workerSlot {
            WorkerMode(options: self, threads: threads ?? Self.defaultThreadsPerWorker).run(slot: workerSlot, address: .inherited)
            return
        }
        let address: ListenAddress
        if let listen {
            address = try ListenAddress(parsing: listen)
        } else {
            address = CGIExchange.standardInputIsListeningSocket ? .inherited : .tcp(host: "127.0.0.1", port: 9000)
        }
        let workerCount = workers ?? (address == .inherited ? 0 : Self.defaultWorkers)
        // Each process would have its own empty in-memory database: requests would see
        // different data depending on the worker that answers.
        if workerCount > 1, Runtime.environment()["DATABASE_URL"]?.hasPrefix("sqlite::memory:") == true {
            throw ValidationError(
                "DATABASE_URL=sqlite::memory: is private to each process, so --workers \(workerCount) would give each worker its own database: use --workers 0 or 1, or a SQLite file")
        }
        if workerCount == 0 && requestTimeout > 0 {
            throw ValidationError("--request-timeout needs a master to kill the worker: use --workers 1 or more")
        }
        if workerCount == 0 {
            WorkerMode(options: self, threads: threads ?? Self.defaultThreadsAlone).run(slot: nil, address: address)
        } else {
            MasterMode(options: self, threads: threads ?? Self.defaultThreadsPerWorker).run(workers: workerCount, address: address)
        }
    }
}
