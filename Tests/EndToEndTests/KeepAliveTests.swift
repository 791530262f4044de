import FerryTesting
import Foundation
import Testing

/// Keep-alive between nginx and Ferry can stall: libfcgi binds a thread to a kept
/// connection for as long as nginx keeps it open, idle or not, and nginx keeps up to
/// `keepalive N` idle connections per nginx worker process. When those idle connections
/// hold every Ferry thread, a new connection waits in the socket's backlog until nginx
/// gives one up (60 s). The rule: total Ferry threads (workers × threads) must exceed
/// nginx worker processes × `keepalive`; the shipped nginx.conf uses plain connections,
/// which cannot stall whatever the two sides' sizes.
///
/// Each test: Ferry's default pool shape (4 workers × 1 thread) behind real nginx, a
/// burst of 32 concurrent clients for 1.5 s, then one request and then 8 concurrent ones,
/// each allowed 2 s (a stalled request waits 60 s, so the bound separates the two cases).
@Suite(.serialized) struct KeepAliveTests {
    static let bound = 2.0

    /// A migrated SQLite file and `ferry serve --workers 4 --threads 1` on it.
    final class Stack {
        let directory: URL
        let pool: FerryPool
        var nginx: NginxServer!

        init(nginxConfiguration adapt: (String) -> String = { $0 }) throws {
            directory = try TestEnvironment.makeTemporaryDirectory("ferry-keepalive")
            let environment = ["DATABASE_URL": "sqlite:///" + directory.appendingPathComponent("ferry.db").path,
                               "JWT_SECRET": FerryPool.testSecret, "LOG_LEVEL": "notice"]
            let migrate = try ManagedProcess(executable: TestEnvironment.ferryBinary, arguments: ["migrate", "up"],
                                             environment: environment, logFile: directory.appendingPathComponent("migrate.log"))
            guard migrate.waitForExit(seconds: 30) == 0 else { throw SetupFailure(description: "migrate failed:\n\(migrate.log)") }
            pool = try FerryPool(workers: 4, threads: 1, environment: environment)
            let shipped = try String(contentsOf: TestEnvironment.repositoryRoot.appendingPathComponent("nginx.conf"), encoding: .utf8)
            let configuration = directory.appendingPathComponent("nginx.conf")
            try adapt(shipped).write(to: configuration, atomically: true, encoding: .utf8)
            nginx = try NginxServer(ferrySocket: pool.socketPath, configuration: configuration)
        }

        deinit {
            nginx = nil  // first: its kept connections release Ferry's threads, so the pool stops at once
            try? FileManager.default.removeItem(at: directory)
        }
    }

    /// One GET / through nginx with a deadline: its status (0 when it did not answer in
    /// time) and the seconds it took.
    static func timedGet(port: Int, path: String = "/", timeout: Double = bound + 1) -> (status: Int, seconds: Double) {
        let start = Date()
        guard let connection = try? SocketConnection(port: port) else { return (0, 0) }
        var deadline = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - timeout.rounded(.down)) * 1e6))
        setsockopt(connection.descriptor, SOL_SOCKET, SO_RCVTIMEO, &deadline, socklen_t(MemoryLayout<timeval>.size))
        guard (try? connection.send(Array("GET \(path) HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".utf8))) != nil else {
            return (0, Date().timeIntervalSince(start))
        }
        var bytes: [UInt8] = []
        while let chunk = connection.receive(), !chunk.isEmpty { bytes += chunk }
        let statusLine = String(decoding: bytes.prefix { $0 != 13 }, as: UTF8.self)
        let status = Int(statusLine.split(separator: " ").dropFirst().first ?? "") ?? 0
        return (status, Date().timeIntervalSince(start))
    }

    /// `clients` threads sending GET / one after another for `seconds`; returns when all stopped.
    static func burst(port: Int, clients: Int = 32, seconds: Double = 1.5) {
        let group = DispatchGroup()
        let end = Date().addingTimeInterval(seconds)
        for _ in 0..<clients {
            group.enter()
            Thread.detachNewThread {
                while Date() < end { _ = timedGet(port: port) }
                group.leave()
            }
        }
        group.wait()
    }

    /// `count` concurrent GET / requests; their outcomes.
    static func concurrentProbe(port: Int, count: Int = 8) -> [(status: Int, seconds: Double)] {
        let outcomes = Shared<[(status: Int, seconds: Double)]>([])
        let group = DispatchGroup()
        for _ in 0..<count {
            group.enter()
            Thread.detachNewThread {
                let outcome = timedGet(port: port)
                outcomes.update { $0.append(outcome) }
                group.leave()
            }
        }
        group.wait()
        return outcomes.value
    }

    static func answeredAtOnce(_ outcome: (status: Int, seconds: Double)) -> Bool {
        outcome.status == 200 && outcome.seconds < bound
    }

    /// nginx.conf with `fastcgi_keep_conn on` and `keepalive` idle connections per nginx
    /// worker, and an explicit worker count (the rule depends on it; `auto` follows the host).
    static func keepAlive(_ keepalive: Int, nginxWorkers: Int) -> (String) -> String {
        { shipped in
            shipped
                .replacingOccurrences(of: "worker_processes auto;", with: "worker_processes \(nginxWorkers);")
                .replacingOccurrences(of: "server \(NginxServer.shippedSocket);", with: "server \(NginxServer.shippedSocket);\n        keepalive \(keepalive);")
                .replacingOccurrences(of: "fastcgi_pass ferry;", with: "fastcgi_pass ferry;\n            fastcgi_keep_conn on;")
        }
    }

    @Test func theShippedConfigurationAnswersAtOnceAfterABurst() throws {
        let stack = try Stack()
        let shipped = try String(contentsOf: stack.directory.appendingPathComponent("nginx.conf"), encoding: .utf8)
        #expect(!shipped.contains("fastcgi_keep_conn on"), "the shipped nginx.conf changed: revisit the keep-alive rule and these tests")
        Self.burst(port: stack.nginx.port)
        let single = Self.timedGet(port: stack.nginx.port)
        #expect(Self.answeredAtOnce(single), "single request after the burst: \(single)")
        let probe = Self.concurrentProbe(port: stack.nginx.port)
        #expect(probe.allSatisfy(Self.answeredAtOnce), "8 concurrent requests after the burst: \(probe)")
    }

    /// Keep-alive within the rule: 2 nginx workers × keepalive 1 = 2 idle connections at
    /// most, fewer than Ferry's 4 threads, so a thread is always free for a new connection.
    @Test func keepAliveWithinTheRuleAnswersAtOnceAfterABurst() throws {
        let stack = try Stack(nginxConfiguration: Self.keepAlive(1, nginxWorkers: 2))
        Self.burst(port: stack.nginx.port)
        let single = Self.timedGet(port: stack.nginx.port)
        #expect(Self.answeredAtOnce(single), "single request after the burst: \(single)")
        let probe = Self.concurrentProbe(port: stack.nginx.port)
        #expect(probe.allSatisfy(Self.answeredAtOnce), "8 concurrent requests after the burst: \(probe)")
    }

    /// The probe detects a stall: keep-alive breaking the rule (2 nginx workers × keepalive 16
    /// idle connections against 4 threads) leaves requests waiting past the bound after a burst.
    @Test func keepAliveBreakingTheRuleStallsAndTheProbeSeesIt() throws {
        let stack = try Stack(nginxConfiguration: Self.keepAlive(16, nginxWorkers: 2))
        Self.burst(port: stack.nginx.port)
        let probe = Self.concurrentProbe(port: stack.nginx.port)
        #expect(probe.contains { !Self.answeredAtOnce($0) }, "expected a stall with 32 idle kept connections for 4 threads: \(probe)")
    }
}
