import Database
import FerryTesting
import Foundation
import Testing

/// The prefork pool behind real nginx, on a real PostgreSQL database, under a steady
/// bounded load: what operators do to a running pool must not cost requests.
@Suite struct PoolUnderLoadTests {
    /// A migrated database, a pool of `workers` × `threads` on it, and nginx in front.
    final class Stack {
        let database: PostgresTestDatabase
        let pool: FerryPool
        let nginx: NginxServer

        init(workers: Int = 2, threads: Int = 2, arguments: [String] = [], server: PostgresServer? = nil) throws {
            let server = try server ?? PostgresServer.shared()
            database = try server.createDatabase()
            let url = "postgresql://\(server.options.user ?? "postgres")@127.0.0.1:\(server.port)/\(database.name)"
            let environment = ["DATABASE_URL": url, "JWT_SECRET": FerryPool.testSecret, "LOG_LEVEL": "notice",
                               "DB_POOL_SIZE": "2", "DB_MAX_OVERFLOW": "2", "DB_POOL_TIMEOUT": "2"]
            let directory = try TestEnvironment.makeTemporaryDirectory("ferry-migrate")
            defer { try? FileManager.default.removeItem(at: directory) }
            let migrate = try ManagedProcess(executable: TestEnvironment.ferryBinary, arguments: ["migrate", "up"],
                                             environment: environment, logFile: directory.appendingPathComponent("log"))
            guard migrate.waitForExit(seconds: 30) == 0 else { throw SetupFailure(description: "migrate failed:\n\(migrate.log)") }
            pool = try FerryPool(workers: workers, threads: threads, arguments: arguments, environment: environment)
            nginx = try NginxServer(ferrySocket: pool.socketPath)
        }

        deinit { try? database.drop() }
    }

    /// Until the load has `count` more outcomes than now (false after 20 s).
    static func waitForOutcomes(_ count: Int, of load: LoadGenerator) -> Bool {
        let target = load.outcomesSoFar.count + count
        return TestEnvironment.wait(seconds: 20) { load.outcomesSoFar.count >= target }
    }

    /// "start-end: status" of each outcome, seconds since the load began, for failure messages.
    static func describe(_ outcomes: [LoadGenerator.Outcome]) -> String {
        outcomes.map { "\($0.start)-\($0.end): \($0.status)" }.joined(separator: ", ")
    }

    @Test func killMinus9OfAWorkerCostsAtMostItsRequestsAndThePoolIsWholeWithinASecond() throws {
        let stack = try Stack(workers: 2, threads: 2)
        let victim = try #require(try stack.pool.status().readyWorkers.first).pid
        let load = LoadGenerator(port: stack.nginx.port, clients: 4) { client, _ in try client.get("/health") }
        #expect(Self.waitForOutcomes(50, of: load), "the load never got going")
        kill(victim, SIGKILL)
        let killedAt = Date()
        let whole = TestEnvironment.wait(seconds: 1) {
            guard let status = try? stack.pool.status() else { return false }
            return status.readyWorkers.count == 2 && !status.workers.contains { $0.pid == victim }
        }
        let took = Date().timeIntervalSince(killedAt)
        #expect(Self.waitForOutcomes(50, of: load), "no load after the pool was whole again")
        let outcomes = load.stop()
        #expect(whole, "pool not back to 2 ready workers \(took) s after kill -9:\n\(stack.pool.log)")
        let failed = outcomes.filter { $0.status != 200 }
        // A worker holds at most one request per thread; anything more was lost elsewhere.
        #expect(failed.count <= 2, "\(failed.count) failed of \(outcomes.count): \(Set(failed.map(\.status)))")
        #expect(failed.allSatisfy { $0.status == 503 }, "\(Set(failed.map(\.status)))")
        #expect(stack.pool.log.contains("worker \(victim) (slot"))
        #expect(stack.pool.log.contains("killed by SIGKILL"))
    }

    @Test func sighupReloadsUnderLoadWithoutAFailedRequest() throws {
        let stack = try Stack(workers: 2, threads: 2)
        let before = Set(try stack.pool.status().workers.map(\.pid))
        let load = LoadGenerator(port: stack.nginx.port, clients: 4) { client, _ in try client.get("/health") }
        #expect(Self.waitForOutcomes(50, of: load), "the load never got going")
        stack.pool.master.signal(SIGHUP)
        let reloaded = TestEnvironment.wait(seconds: 10) {
            guard let status = try? stack.pool.status() else { return false }
            return status.generation == 2 && status.workers.count == 2
                && status.workers.allSatisfy { $0.generation == 2 && $0.state == "ready" && !before.contains($0.pid) }
        }
        #expect(Self.waitForOutcomes(50, of: load), "no load after the reload")
        let outcomes = load.stop()
        #expect(reloaded, "the old workers were not replaced:\n\(stack.pool.log)")
        let failed = outcomes.filter { $0.status != 200 }
        #expect(failed.isEmpty, "\(failed.count) failed of \(outcomes.count): \(Self.describe(failed))\n\(stack.pool.log)")
        #expect(stack.pool.master.isRunning)
    }

    @Test func sigquitDrainsEveryRequestInFlight() throws {
        let stack = try Stack(workers: 2, threads: 2)
        let workers = try stack.pool.status().workers.map(\.pid)
        let registration = Array(#"{"username":"drained","email":"drained@example.com","password":"Drain-passw0rd!"}"#.utf8)
        // A registration held in a worker by the last bytes of its body.
        let held = try HeldFastCGIRequest(
            unixPath: stack.pool.socketPath,
            params: ["REQUEST_METHOD": "POST", "DOCUMENT_URI": "/auth/register", "REQUEST_URI": "/auth/register",
                     "QUERY_STRING": "", "CONTENT_TYPE": "application/json"],
            body: registration, heldBack: 5)
        #expect(TestEnvironment.wait(seconds: 10) {
            (try? stack.pool.status().workers.contains { $0.activeRequests.contains("POST /auth/register") }) == true
        }, "no worker took the held registration")
        // Three clients for the three free threads: no request waits for a thread.
        let load = LoadGenerator(port: stack.nginx.port, clients: 3) { client, _ in try client.get("/health") }
        #expect(Self.waitForOutcomes(50, of: load), "the load never got going")
        usleep(300_000)
        let signalledAt = load.now
        stack.pool.master.signal(SIGQUIT)
        usleep(300_000)
        #expect(stack.pool.master.isRunning, "the master left before the held request was answered")
        let response = try held.finish()
        #expect(response.status == 201)
        #expect(stack.pool.master.waitForExit(seconds: 10) == 0)
        let outcomes = load.stop()
        // Requests well under way before the signal all finished; later ones were answered
        // or told 503 (no worker accepting), never cut off. "Well under way" leaves room for
        // a busy machine to be slow to hand a connection to a thread.
        let before = outcomes.filter { $0.start < signalledAt - 0.25 }
        #expect(before.count >= 50)
        #expect(before.allSatisfy { $0.status == 200 }, "failed before SIGQUIT at \(signalledAt): \(Self.describe(before.filter { $0.status != 200 }))")
        #expect(outcomes.allSatisfy { $0.status == 200 || $0.status == 503 }, "\(Set(outcomes.map(\.status)))")
        for pid in workers { #expect(kill(pid, 0) != 0, "worker \(pid) outlived the master") }
        #expect(stack.pool.log.contains("received SIGQUIT"))
    }

    @Test func restartingPostgresCosts503sOnlyWhileItIsDownAndNoHalfAppliedWrite() throws {
        let server = try PostgresServer.startPrivate()
        defer { try? server.stop() }
        let stack = try Stack(workers: 2, threads: 2, server: server)
        let run = UUID().uuidString.prefix(8).lowercased()
        let load = LoadGenerator(port: stack.nginx.port, clients: 4, pause: 0.005) { client, sequence in
            let body = #"{"username":"u\#(run)_\#(sequence)","email":"u\#(sequence)@\#(run).example.com","password":"Load-passw0rd!"}"#
            return try client.request("POST", "/auth/register", headers: [("Content-Type", "application/json")], body: Array(body.utf8))
        }
        // Registrations hash passwords (argon2id): slow on a busy machine, so wait for a few.
        #expect(TestEnvironment.wait(seconds: 15) { load.outcomesSoFar.filter { $0.status == 201 }.count >= 6 },
                "registrations did not get going: \(Self.describe(load.outcomesSoFar))")
        let stopping = load.now
        try server.stop()
        let downFrom = load.now
        usleep(1_000_000)
        let downUntil = load.now
        try server.start()
        let upAt = load.now
        #expect(TestEnvironment.wait(seconds: 15) { load.outcomesSoFar.filter { $0.start > upAt + 0.5 }.count >= 6 },
                "no registrations after the restart:\n\(stack.pool.log)")
        let outcomes = load.stop()

        #expect(outcomes.allSatisfy { $0.status == 201 || $0.status == 503 }, "\(Set(outcomes.map(\.status)))")
        let whileDown = outcomes.filter { $0.start > downFrom && $0.end < downUntil }
        let timeline = "stopping \(stopping), down \(downFrom)-\(downUntil), up \(upAt)"
        #expect(!whileDown.isEmpty && whileDown.allSatisfy { $0.status == 503 }, "\(timeline): \(Self.describe(whileDown))")
        let afterwards = outcomes.filter { $0.start > upAt + 0.5 }
        #expect(afterwards.count > 5)
        #expect(afterwards.allSatisfy { $0.status == 201 }, "after the restart (\(timeline)): \(Self.describe(afterwards.filter { $0.status != 201 }))")
        // Before the server began to stop, everything succeeded.
        let early = outcomes.filter { $0.end < stopping }
        #expect(early.count > 5)
        #expect(early.allSatisfy { $0.status == 201 }, "before the stop: \(Self.describe(early.filter { $0.status != 201 }))")
        // Every 201 is a row and no 503 left one: nothing half-applied.
        let created = outcomes.filter { $0.status == 201 }.count
        let pool = ConnectionPool(url: stack.database.url)
        defer { pool.close() }
        let rows = try pool.withConnection { try $0.query("SELECT COUNT(*) FROM users WHERE username LIKE \("u\(run)_%")") }
        guard case .integer(let count) = rows[0][0] else { Issue.record("no count"); return }
        #expect(Int(count) == created)
    }

    @Test func aRequestPastTheTimeoutGetsItsWorkerReplaced() throws {
        let stack = try Stack(workers: 2, threads: 2, arguments: ["--request-timeout", "1"])
        let before = Set(try stack.pool.status().workers.map(\.pid))
        let held = try HeldFastCGIRequest(
            unixPath: stack.pool.socketPath,
            params: ["REQUEST_METHOD": "POST", "DOCUMENT_URI": "/auth/register", "REQUEST_URI": "/auth/register?slow",
                     "QUERY_STRING": "slow", "CONTENT_TYPE": "application/json"],
            body: Array(#"{"username":"never"}"#.utf8), heldBack: 3)
        // The worker is killed, so the connection closes with no answer.
        #expect(held.readUntilClosed().isEmpty)
        let replaced = TestEnvironment.wait(seconds: 5) {
            guard let status = try? stack.pool.status() else { return false }
            return status.readyWorkers.count == 2 && Set(status.workers.map(\.pid)) != before
        }
        #expect(replaced)
        #expect(stack.pool.log.contains("request 'POST /auth/register?slow' has run"))
        #expect(stack.pool.log.contains("past --request-timeout 1 s"))
        #expect(try stack.nginx.client.get("/health").status == 200)
    }
}
