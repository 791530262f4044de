#if canImport(Glibc)
import Glibc
#endif

/// The prefork master, PHP-FPM style: owns the listening socket, keeps `workers` worker
/// processes running on it, and never serves a request itself.
///
/// One thread, one loop: every control signal is blocked and taken with `sigtimedwait`,
/// so no handler ever runs; each turn (at most 50 ms apart) reaps dead workers, scans
/// the scoreboard and starts what is missing.
///
/// - SIGTERM, SIGINT: stop now. Workers get SIGTERM (they finish in-flight requests within
///   the grace period), then SIGKILL.
/// - SIGQUIT: stop gracefully. Workers get SIGQUIT and finish every request.
/// - SIGHUP: reload. A new generation of workers starts; once it is ready the old one gets
///   SIGQUIT. The socket stays open in the master throughout, so nginx sees no error.
/// - SIGUSR1: reopen log files, here and in every worker.
public final class Master {
    public let configuration: MasterConfiguration
    public let scoreboard: Scoreboard
    private let listenDescriptor: Int32
    private let log: @Sendable (String) -> Void
    private let notifier = SystemdNotifier()

    private var workers: [Int32: WorkerProcess] = [:]
    private var generation = 1
    private var backoff = RestartBackoff()
    private var nextSpawnAt: Int64 = 0
    private var everReady = false
    private var announcedReady = false
    private var reloadStartedAt: Int64?
    private var stopping: StopKind?
    private var killDeadline: Int64?
    private var exitStatus: Int32 = 0

    private enum StopKind { case now, graceful, failed }

    static let controlSignals = [SIGTERM, SIGINT, SIGQUIT, SIGHUP, SIGUSR1, SIGCHLD]
    static let tick: Int64 = 50_000_000
    /// A reload whose new workers are not all ready by then retires the old ones anyway.
    static let reloadPatience: Double = 30

    /// `listenDescriptor`: the bound, listening socket; the master keeps it open until it exits.
    public init(configuration: MasterConfiguration, listenDescriptor: Int32, log: @escaping @Sendable (String) -> Void) throws(PreforkError) {
        guard configuration.workers >= 1 else { throw PreforkError("a pool needs at least one worker") }
        self.configuration = configuration
        // Above 3, so the spawn's dup2 onto 0 and 3 cannot overwrite one with the other;
        // close-on-exec, so only those dup2'd copies reach the workers.
        self.listenDescriptor = fcntl(listenDescriptor, F_DUPFD_CLOEXEC, 10)
        guard self.listenDescriptor >= 0 else { throw PreforkError("cannot duplicate the listening socket: \(String(cString: strerror(errno)))") }
        if listenDescriptor != self.listenDescriptor { close(listenDescriptor) }
        let board = try Scoreboard.create(workerSlots: configuration.scoreboardSlots, threadsPerWorker: configuration.threadsPerWorker)
        let high = fcntl(board.descriptor, F_DUPFD_CLOEXEC, 10)
        close(board.descriptor)
        scoreboard = try Scoreboard.attach(descriptor: high)
        scoreboard.configuredWorkers = configuration.workers
        scoreboard.generation = generation
        self.log = log
    }

    /// Runs the pool until it is stopped; returns the process exit status (0, or 2 when
    /// workers could not start at all).
    public func run() -> Int32 {
        var blocked = sigset_t()
        sigemptyset(&blocked)
        for signal in Self.controlSignals { sigaddset(&blocked, signal) }
        pthread_sigmask(SIG_SETMASK, &blocked, nil)

        log("master \(getpid()) starting \(configuration.workers) worker\(configuration.workers == 1 ? "" : "s") × \(configuration.threadsPerWorker) thread\(configuration.threadsPerWorker == 1 ? "" : "s")"
            + (configuration.requestTimeout.map { ", request timeout \(format($0)) s" } ?? ""))
        while true {
            var timeout = timespec(tv_sec: 0, tv_nsec: Int(Self.tick))
            let signal = sigtimedwait(&blocked, nil, &timeout)
            if signal > 0 { handle(signal) }
            reap()
            scan()
            if let stopping {
                if workers.isEmpty { break }
                if stopping != .graceful, let killDeadline, MonotonicClock.now() >= killDeadline { killRemaining() }
            } else {
                retireOldGeneration()
                fillPool()
            }
        }
        notifier.notify("STATUS=stopped")
        close(listenDescriptor)
        log("master stopped")
        return exitStatus
    }

    // MARK: signals

    private func handle(_ signal: Int32) {
        switch signal {
        case SIGTERM, SIGINT:
            beginStop(.now, because: "received \(SignalName.of(signal)): stopping; workers finish their requests within \(format(configuration.gracePeriod)) s")
        case SIGQUIT:
            beginStop(.graceful, because: "received SIGQUIT: stopping gracefully once every request is answered")
        case SIGHUP:
            guard stopping == nil else { return }
            generation += 1
            scoreboard.generation = generation
            reloadStartedAt = MonotonicClock.now()
            notifier.notify("RELOADING=1")
            log("received SIGHUP: reloading; starting generation \(generation), then retiring the old workers")
        case SIGUSR1:
            configuration.reopenLogs()
            log("received SIGUSR1: reopened log files; telling the workers")
            for pid in workers.keys { kill(pid, SIGUSR1) }
        default:
            break  // SIGCHLD: reaping happens every turn
        }
    }

    private func beginStop(_ kind: StopKind, because reason: String) {
        if stopping == .now || stopping == .failed { return }
        // SIGTERM during a graceful stop turns it into a stop now.
        stopping = kind
        notifier.notify("STOPPING=1")
        log(reason)
        // New connections fail at once (nginx answers 503) instead of queueing for nobody.
        if let path = configuration.socketPath { unlink(path) }
        let signal = kind == .graceful ? SIGQUIT : SIGTERM
        for (pid, worker) in workers where worker.stopReason == nil || kind != .graceful {
            workers[pid]?.stopReason = "stop"
            scoreboard.setState(.stopping, slot: worker.slot)
            kill(pid, signal)
        }
        if kind != .graceful { killDeadline = MonotonicClock.now() + MonotonicClock.nanoseconds(configuration.gracePeriod + 1) }
    }

    private func killRemaining() {
        for (pid, worker) in workers {
            log("worker \(pid) (slot \(worker.slot)) still running after the grace period: killing it")
            kill(pid, SIGKILL)
        }
        killDeadline = nil
    }

    // MARK: workers

    private func reap() {
        var status: Int32 = 0
        while true {
            let pid = waitpid(-1, &status, WNOHANG)
            guard pid > 0 else { return }
            guard var worker = workers.removeValue(forKey: pid) else { continue }
            // A fast worker can become ready, serve, retire and exit between two scans:
            // read its slot before releasing it. Having served a request, it was ready
            // (so this is no start-up failure), and it may have retired meanwhile.
            if let snapshot = scoreboard.worker(slot: worker.slot), snapshot.pid == pid {
                if snapshot.requestsServed > 0 || snapshot.state == .ready || snapshot.state == .retiring {
                    worker.wasReady = true
                    everReady = true
                }
                if snapshot.state == .retiring { worker.retiring = true }
            }
            scoreboard.release(slot: worker.slot)
            let exit = ExitStatus(waitStatus: status)
            let lifetime = MonotonicClock.seconds(MonotonicClock.now() - worker.spawnedAt)
            if worker.retiring && exit.isCleanExit {
                log("worker \(pid) (slot \(worker.slot)) recycled after --max-requests")
            } else if let reason = worker.stopReason {
                if reason != "timeout" { log("worker \(pid) (slot \(worker.slot)) \(exit) after \(reason)") }
            } else {
                workerDied(worker, exit: exit, lifetime: lifetime)
            }
        }
    }

    private func workerDied(_ worker: WorkerProcess, exit: ExitStatus, lifetime: Double) {
        if stopping != nil { return }
        if !worker.wasReady && !everReady {
            log("worker \(worker.pid) \(exit) before it was ready, and no worker has started: stopping (see the worker's messages above)")
            exitStatus = 2
            beginStop(.failed, because: "workers cannot start")
            return
        }
        let delay = backoff.recordFailure(lifetime: lifetime)
        nextSpawnAt = max(nextSpawnAt, MonotonicClock.now() + MonotonicClock.nanoseconds(delay))
        log("worker \(worker.pid) (slot \(worker.slot)) \(exit) after \(format(lifetime)) s; "
            + (delay == 0 ? "starting a replacement" : "restarting in \(format(delay)) s (\(backoff.consecutiveFailures) early death\(backoff.consecutiveFailures == 1 ? "" : "s") in a row)"))
    }

    /// Reads what workers wrote: readiness, retirement, and requests past the timeout.
    private func scan() {
        for (pid, worker) in workers {
            guard let snapshot = scoreboard.worker(slot: worker.slot), snapshot.pid == pid else { continue }
            if snapshot.state == .ready && !worker.wasReady {
                workers[pid]?.wasReady = true
                everReady = true
                backoff.reset()
            }
            if snapshot.state == .retiring && !worker.retiring {
                workers[pid]?.retiring = true
                log("worker \(pid) (slot \(worker.slot)) reached --max-requests after \(snapshot.requestsServed) requests: starting its replacement")
            }
            guard let limit = configuration.requestTimeout, worker.stopReason != "timeout",
                  let late = snapshot.requests.first(where: { MonotonicClock.seconds($0.runningFor) > limit }) else { continue }
            workers[pid]?.stopReason = "timeout"
            scoreboard.setState(.stopping, slot: worker.slot)
            kill(pid, SIGKILL)
            log("worker \(pid) (slot \(worker.slot)) request '\(late.label)' has run \(format(MonotonicClock.seconds(late.runningFor))) s, past --request-timeout \(format(limit)) s: killed the worker (\(snapshot.requests.count) request\(snapshot.requests.count == 1 ? "" : "s") in flight); starting a replacement")
        }
        let readyCurrent = workers.values.filter { $0.generation == generation && $0.wasReady && $0.isActive(generation: generation) }.count
        if !announcedReady && readyCurrent >= configuration.workers {
            announcedReady = true
            notifier.notify("READY=1\nMAINPID=\(getpid())\nSTATUS=\(readyCurrent) workers ready")
            log("\(readyCurrent) workers ready")
        }
    }

    /// After a reload: once the new generation is ready (or after reloadPatience), the old
    /// workers are told to finish their requests and leave.
    private func retireOldGeneration() {
        guard let started = reloadStartedAt else { return }
        let readyCurrent = workers.values.filter { $0.isActive(generation: generation) && $0.wasReady }.count
        let waited = MonotonicClock.seconds(MonotonicClock.now() - started)
        guard readyCurrent >= configuration.workers || waited >= Self.reloadPatience else { return }
        var retired = 0
        for (pid, worker) in workers where worker.generation < generation && worker.stopReason == nil {
            workers[pid]?.stopReason = "reload"
            scoreboard.setState(.stopping, slot: worker.slot)
            kill(pid, SIGQUIT)
            retired += 1
        }
        reloadStartedAt = nil
        notifier.notify("READY=1\nSTATUS=reloaded: generation \(generation)")
        log("reload: generation \(generation) is \(readyCurrent >= configuration.workers ? "ready" : "not all ready after \(format(Self.reloadPatience)) s"); \(retired) old worker\(retired == 1 ? "" : "s") finishing their requests")
    }

    private func fillPool() {
        var missing = configuration.workers - workers.values.filter { $0.isActive(generation: generation) }.count
        guard missing > 0, MonotonicClock.now() >= nextSpawnAt else { return }
        // Until one worker has come up, start them one at a time: a broken configuration
        // or database then fails once, and first-time set-up (a new SQLite file switching
        // to WAL, which concurrent openers can find locked) happens in one process.
        if !everReady {
            guard workers.isEmpty else { return }
            missing = 1
        }
        var used = Set(workers.values.map(\.slot))
        while missing > 0, let slot = (0..<scoreboard.workerSlots).first(where: { !used.contains($0) }) {
            scoreboard.claim(slot: slot, generation: generation)
            do {
                let pid = try Spawner.spawn(
                    executable: configuration.executable, arguments: configuration.workerArguments(slot),
                    listenDescriptor: listenDescriptor, scoreboardDescriptor: scoreboard.descriptor)
                scoreboard.setPID(pid, slot: slot)
                workers[pid] = WorkerProcess(pid: pid, slot: slot, generation: generation, spawnedAt: MonotonicClock.now())
                used.insert(slot)
                missing -= 1
            } catch {
                scoreboard.release(slot: slot)
                log("\(error); retrying in 1 s")
                nextSpawnAt = MonotonicClock.now() + 1_000_000_000
                return
            }
        }
    }

    private func format(_ seconds: Double) -> String {
        let tenths = (seconds * 10).rounded() / 10
        return tenths == tenths.rounded() ? String(Int(tenths)) : String(tenths)
    }
}
