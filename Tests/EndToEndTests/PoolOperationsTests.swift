import FerryTesting
import Foundation
import Testing

/// The pool's knobs and the supervisors around it, one at a time (SQLite in memory: no
/// database needed to recycle a worker or reopen a log).
@Suite struct PoolOperationsTests {
    static let quiet = ["LOG_LEVEL": "notice"]
    static let getRoot = ["REQUEST_METHOD": "GET", "DOCUMENT_URI": "/", "REQUEST_URI": "/", "QUERY_STRING": "", "CONTENT_LENGTH": ""]

    @Test func aWorkerIsRecycledAfterMaxRequestsAndReplaced() throws {
        let pool = try FerryPool(workers: 1, threads: 1, arguments: ["--max-requests", "3"], environment: Self.quiet)
        let first = try #require(try pool.status().workers.first).pid
        for index in 0..<8 {
            do {
                #expect(try pool.wireClient.send(params: Self.getRoot).status == 200)
            } catch {
                Issue.record("request \(index): \(error)\n\(pool.log)")
            }
        }
        let replaced = TestEnvironment.wait(seconds: 5) {
            (try? pool.status()).map { $0.readyWorkers.count == 1 && !$0.workers.contains { $0.pid == first } } ?? false
        }
        #expect(replaced)
        #expect(pool.log.contains("worker \(first) (slot 0) recycled after --max-requests"))
        #expect(kill(first, 0) != 0)
    }

    @Test func sigusr1ReopensTheLogFile() throws {
        let directory = try TestEnvironment.makeTemporaryDirectory("ferry-logs")
        defer { try? FileManager.default.removeItem(at: directory) }
        let logPath = directory.appendingPathComponent("ferry.log").path
        let pool = try FerryPool(workers: 2, threads: 1, arguments: ["--log-file", logPath], environment: Self.quiet)
        // The master logs it on the turn after the workers show ready.
        #expect(TestEnvironment.wait(seconds: 5) { ((try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "").contains("2 workers ready") })
        // What logrotate does: move the file away, then signal.
        try FileManager.default.moveItem(atPath: logPath, toPath: logPath + ".1")
        pool.master.signal(SIGUSR1)
        let reopened = TestEnvironment.wait(seconds: 5) {
            let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
            return text.contains("received SIGUSR1: reopened log files; telling the workers")
                && text.components(separatedBy: "received SIGUSR1: reopened log files\n").count == 3
        }
        #expect(reopened, "\((try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "no new log")")
        #expect(!(try String(contentsOfFile: logPath + ".1", encoding: .utf8)).contains("SIGUSR1"))
    }

    @Test func tellsSystemdWhenReady() throws {
        let directory = try TestEnvironment.makeTemporaryDirectory("ferry-notify")
        defer { try? FileManager.default.removeItem(at: directory) }
        let notifySocket = try DatagramSocket(path: directory.appendingPathComponent("notify").path)
        let pool = try FerryPool(workers: 2, threads: 1, environment: Self.quiet.merging(["NOTIFY_SOCKET": notifySocket.path]) { $1 })
        let message = notifySocket.receive(timeoutSeconds: 5)
        #expect(message?.contains("READY=1") == true)
        #expect(message?.contains("MAINPID=\(pool.master.pid)") == true)
    }

    @Test func startsUnderSupervisordFromTheShippedConfiguration() throws {
        let directory = try TestEnvironment.makeTemporaryDirectory("ferry-supervisord")
        defer { try? FileManager.default.removeItem(at: directory) }
        let socket = directory.appendingPathComponent("ferry.sock").path
        let shipped = try String(contentsOf: TestEnvironment.repositoryRoot.appendingPathComponent("deploy/supervisord-ferry.conf"), encoding: .utf8)
        for expected in ["/usr/local/bin/ferry serve", "unix:///run/ferry/ferry.sock", "numprocs=2", "user=ferry", "socket_owner=ferry:www-data"] {
            try #require(shipped.contains(expected), "deploy/supervisord-ferry.conf no longer contains \(expected)")
        }
        // The shipped program, pointed at this test's binary, socket and directory; no
        // user switch (no `ferry` account here).
        let program = shipped
            .replacingOccurrences(of: "/usr/local/bin/ferry serve", with: "\(TestEnvironment.ferryBinary) serve")
            .replacingOccurrences(of: "unix:///run/ferry/ferry.sock", with: "unix://\(socket)")
            .replacingOccurrences(of: "directory=/var/lib/ferry", with: "directory=\(directory.path)")
            .replacingOccurrences(of: "stdout_logfile=/var/log/ferry/ferry.log", with: "stdout_logfile=\(directory.path)/ferry.log")
            .split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("user=") && !$0.hasPrefix("socket_owner=") && !$0.hasPrefix("environment=") }
            .joined(separator: "\n")
        let configuration = """
            [supervisord]
            nodaemon=true
            logfile=\(directory.path)/supervisord.log
            pidfile=\(directory.path)/supervisord.pid
            childlogdir=\(directory.path)

            \(program)
            environment=DATABASE_URL="sqlite::memory:",JWT_SECRET="\(FerryPool.testSecret)"
            """
        let file = directory.appendingPathComponent("supervisord.conf")
        try configuration.write(to: file, atomically: true, encoding: .utf8)
        // Through perl, to start supervisord with no signal blocked: the test process may
        // hand down a mask that blocks SIGTERM, and supervisord (unlike Ferry) keeps it.
        let supervisor = try ManagedProcess(
            executable: "/usr/bin/perl",
            arguments: ["-MPOSIX", "-e", "sigprocmask(SIG_SETMASK, POSIX::SigSet->new); exec @ARGV or die", "/usr/bin/supervisord", "-n", "-c", file.path],
            logFile: directory.appendingPathComponent("stderr.log"))
        var pids = Set<Int>()
        defer {
            supervisor.stop()
            // Should supervisord have failed to stop them, do not leave them behind.
            for pid in pids { kill(Int32(pid), SIGKILL) }
        }
        let log = directory.appendingPathComponent("ferry.log").path
        let bothUp = TestEnvironment.wait(seconds: 15) {
            ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").components(separatedBy: "listening on fd:0").count == 3
        }
        #expect(bothUp, "\((try? String(contentsOfFile: log, encoding: .utf8)) ?? "")\n\(supervisor.log)")
        for _ in 0..<20 {
            let response = try FastCGIWireClient(.unix(socket)).send(params: Self.getRoot.merging(["DOCUMENT_URI": "/health/pool", "REQUEST_URI": "/health/pool"]) { $1 })
            #expect(response.status == 200)
            #expect(response.json["mode"] == "single")
            if case .number(let pid)? = response.json["answered_by"], let value = Int(pid) { pids.insert(value) }
        }
        #expect(!pids.isEmpty)
        supervisor.signal(SIGTERM)
        #expect(supervisor.waitForExit(seconds: 10) != nil)
        for pid in pids { #expect(kill(Int32(pid), 0) != 0, "ferry \(pid) outlived supervisord") }
        #expect(((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").components(separatedBy: "received SIGTERM").count == 3)
    }
}
