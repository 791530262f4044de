import Database
import Foundation
import Synchronization

/// A PostgreSQL server for tests.
///
/// `PostgresServer.shared()` is the server every test uses: the one named by
/// `FERRY_TEST_POSTGRES_URL` when set (CI starts one with
/// `deploy/postgres-test-server.sh`), otherwise a private throwaway server started
/// once per test process. `startPrivate()` starts a dedicated server that a test may
/// stop and restart. Private servers run from a temporary directory (initdb'd, owned
/// by the `postgres` user, fsync off, unix socket + 127.0.0.1 on a free port) and are
/// stopped and deleted by a watchdog when the test process ends, however it ends.
public final class PostgresServer: Sendable {
    /// How to reach the server's maintenance database (`postgres`).
    public let options: PostgresConnectionOptions
    /// The temporary directory of a private server; nil for an external one.
    public let directory: String?
    public let port: Int

    private static let sharedServer: Result<PostgresServer, PostgresServerError> = {
        do {
            return .success(try makeShared())
        } catch let error as PostgresServerError {
            return .failure(error)
        } catch {
            return .failure(PostgresServerError("\(error)"))
        }
    }()

    private static let databaseCounter = Atomic<Int>(0)

    private init(options: PostgresConnectionOptions, directory: String?, port: Int) {
        self.options = options
        self.directory = directory
        self.port = port
    }

    /// The server of this test process (started on first use).
    public static func shared() throws -> PostgresServer {
        try sharedServer.get()
    }

    private static func makeShared() throws -> PostgresServer {
        if let text = ProcessInfo.processInfo.environment["FERRY_TEST_POSTGRES_URL"], !text.isEmpty {
            guard case .postgresql(var options) = try DatabaseURL(text, variable: "FERRY_TEST_POSTGRES_URL") else {
                throw PostgresServerError("FERRY_TEST_POSTGRES_URL must be a postgresql:// URL")
            }
            if options.database == nil { options.database = "postgres" }
            return PostgresServer(options: options, directory: nil, port: options.port ?? 5432)
        }
        return try startPrivate()
    }

    /// Starts a new private server (a few seconds); see the type's documentation.
    public static func startPrivate() throws -> PostgresServer {
        var template = Array((NSTemporaryDirectory() + "ferry-pg-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw PostgresServerError("mkdtemp failed") }
        let directory = String(cString: made)
        try PostgresCommand.handOver(directory)
        let port = try PostgresCommand.freePort()
        let server = PostgresServer(
            options: PostgresConnectionOptions(host: directory, port: port, user: "postgres", database: "postgres"),
            directory: directory, port: port)
        try PostgresCommand.run("initdb", [
            "-D", server.dataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync",
        ])
        try server.startWatchdog()
        try server.start()
        return server
    }

    var dataDirectory: String { (directory ?? "") + "/data" }

    /// The URL of the maintenance database, as tests export it.
    public var url: DatabaseURL { .postgresql(options) }

    /// Starts a stopped private server on the same port and data.
    public func start() throws {
        guard let directory else { throw PostgresServerError("an external server cannot be started by tests") }
        let settings = [
            "-c listen_addresses=127.0.0.1", "-p \(port)", "-k \(directory)", "-c fsync=off",
            "-c synchronous_commit=off", "-c full_page_writes=off", "-c max_connections=300",
        ].joined(separator: " ")
        try PostgresCommand.run("pg_ctl", ["-D", dataDirectory, "-l", directory + "/server.log", "-w", "-t", "60", "-o", settings, "start"])
    }

    /// Stops a private server (`fast`: open connections are cut, as in a restart).
    public func stop() throws {
        guard directory != nil else { throw PostgresServerError("an external server cannot be stopped by tests") }
        try PostgresCommand.run("pg_ctl", ["-D", dataDirectory, "-m", "fast", "-w", "stop"])
    }

    public func restart() throws {
        try stop()
        try start()
    }

    /// A new empty database on this server, for one test; `drop()` it afterwards.
    public func createDatabase() throws -> PostgresTestDatabase {
        let n = Self.databaseCounter.wrappingAdd(1, ordering: .relaxed).newValue
        let name = "ferry_test_\(getpid())_\(n)_\(UInt32.random(in: 0...UInt32.max))"
        try PostgresAdmin.execute("CREATE DATABASE \(try PostgresAdmin.quotedIdentifier(name)) TEMPLATE template0", on: options)
        return PostgresTestDatabase(server: self, name: name)
    }

    /// A background shell that waits for this process to end, then stops the server
    /// and removes its directory: cleanup even when the test process crashes.
    private func startWatchdog() throws {
        guard let directory else { return }
        let pgCtl = "\(PostgresCommand.binDirectory)/pg_ctl"
        let asPostgres = PostgresCommand.isRoot ? "/usr/sbin/runuser -u postgres -- " : ""
        let script = """
            while kill -0 \(getpid()) 2>/dev/null; do sleep 1; done
            \(asPostgres)\(pgCtl) -D '\(dataDirectory)' -m immediate -w stop >/dev/null 2>&1
            rm -rf '\(directory)'
            """
        // setsid: not in the test's process group, so ^C on the tests does not kill it
        // before it cleans up. It is our child until we exit; then init reaps it.
        _ = try PostgresCommand.spawn(["/usr/bin/setsid", "/bin/sh", "-c", script])
    }
}
