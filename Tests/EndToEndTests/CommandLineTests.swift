import Database
import FerryAPI
import FerryTesting
import Foundation
import Testing

/// `ferry migrate`, `ferry serve`'s schema check and `ferry createsuperuser`, as an
/// operator runs them, on SQLite and PostgreSQL.
@Suite struct CommandLineTests {
    /// Runs `ferry ARGUMENTS` to completion; answers (exit status, output).
    static func ferry(_ arguments: [String], _ environment: [String: String], stdin: String? = nil) throws -> (Int32?, String) {
        let directory = try TestEnvironment.makeTemporaryDirectory("ferry-cli")
        var input: FileHandle?
        if let stdin {
            let file = directory.appendingPathComponent("stdin")
            try Data(stdin.utf8).write(to: file)
            input = try FileHandle(forReadingFrom: file)
        }
        let process = try ManagedProcess(
            executable: TestEnvironment.ferryBinary, arguments: arguments, environment: environment,
            logFile: directory.appendingPathComponent("output"), workingDirectory: directory, standardInput: input)
        return (process.waitForExit(seconds: 60), process.log)
    }

    static func environment(_ database: DatabaseFixture) throws -> [String: String] {
        TestEnvironment.ferryEnvironment(directory: try TestEnvironment.makeTemporaryDirectory(), [
            "DATABASE_URL": database.url.description, "LOG_LEVEL": "error",
        ])
    }

    @Test(arguments: DatabaseBackend.allCases)
    func migrateUpDownStatusHistoryAndSQL(_ backend: DatabaseBackend) throws {
        let migrations = AppMigrations.all
        let first = migrations.first!, last = migrations.last!
        try withDatabase(backend) { database in
            let environment = try Self.environment(database)
            let (pendingStatus, pending) = try Self.ferry(["migrate", "status"], environment)
            #expect(pendingStatus == 0)
            #expect(pending.contains("current version: 0, latest: \(last.version)"))
            #expect(migrations.allSatisfy { pending.contains("\($0.version) \($0.name): pending") })
            let (sqlStatus, sql) = try Self.ferry(["migrate", "sql"], environment)
            #expect(sqlStatus == 0 && sql.contains("CREATE TABLE users") && sql.contains("CREATE TABLE orders"))
            // serve refuses the unmigrated database and names the command.
            let (refusedStatus, refused) = try Self.ferry(["serve", "--listen", "127.0.0.1:\(TestEnvironment.freePort())"], environment)
            #expect(refusedStatus == 2)
            #expect(refused.contains("run `ferry migrate up`"))

            #expect(try Self.ferry(["migrate", "up", String(first.version)], environment).1.contains("applied \(first.version) \(first.name)"))
            #expect(try Self.ferry(["migrate", "status"], environment).1.contains("current version: \(first.version)"))
            let (_, rest) = try Self.ferry(["migrate", "up"], environment)
            #expect(migrations.dropFirst().allSatisfy { rest.contains("applied \($0.version) \($0.name)") })
            #expect(try Self.ferry(["migrate", "history"], environment).1.contains("\(last.version) \(last.name)  applied"))
            // The last migration's down script (not every one drops a table), with its bookkeeping.
            #expect(try Self.ferry(["migrate", "sql", "down"], environment).1.contains(
                last.script(.down, for: database.url.dialect) + ";\nDELETE FROM schema_migrations WHERE version = \(last.version)"))
            #expect(try Self.ferry(["migrate", "down"], environment).1.contains("reverted \(last.version) \(last.name)"))
            #expect(try Self.ferry(["migrate", "down", "base"], environment).1.contains("reverted \(first.version) \(first.name)"))
            #expect(try Self.ferry(["migrate", "status"], environment).1.contains("current version: 0"))
            #expect(try Self.ferry(["migrate", "up"], environment).0 == 0)
        }
    }

    @Test(arguments: DatabaseBackend.allCases)
    func createsASuperuserWithThePasswordFromStandardInput(_ backend: DatabaseBackend) throws {
        try withDatabase(backend) { database in
            let environment = try Self.environment(database)
            #expect(try Self.ferry(["migrate", "up"], environment).0 == 0)
            let (status, output) = try Self.ferry(
                ["createsuperuser", "--username", "root_admin", "--email", "Root@Example.com"], environment, stdin: "Sup3rSecret\n")
            #expect(status == 0)
            #expect(output.contains("created superuser root_admin"))
            let pool = database.makePool()
            let row = try pool.withConnection {
                try $0.query("SELECT email, is_superuser, hashed_password FROM users WHERE username = 'root_admin'").first
            }
            #expect(try row?.decode(String.self, at: 0) == "root@example.com")
            #expect(try row?.decode(Bool.self, at: 1) == true)
            #expect(try row?.decode(String.self, at: 2).hasPrefix("$argon2id$") == true)

            let (weakStatus, weak) = try Self.ferry(
                ["createsuperuser", "--username", "x", "--email", "not-an-email", "--password", "short"], environment)
            #expect(weakStatus == 2)
            #expect(weak.contains("username: String should have at least 3 characters"))
            #expect(weak.contains("email: value is not a valid email address"))
            let (takenStatus, taken) = try Self.ferry(
                ["createsuperuser", "--username", "root_admin", "--email", "other@example.com", "--password", "Sup3rSecret"], environment)
            #expect(takenStatus == 2 && taken.contains("Username already registered"))
        }
    }

    @Test func anInMemoryDatabaseIsRefusedForSeveralWorkers() throws {
        let environment = TestEnvironment.ferryEnvironment(directory: try TestEnvironment.makeTemporaryDirectory(), ["DATABASE_URL": "sqlite::memory:"])
        let (status, output) = try Self.ferry(["serve", "--workers", "2", "--listen", "127.0.0.1:\(TestEnvironment.freePort())"], environment)
        #expect(status != 0)
        #expect(output.contains("sqlite::memory: is private to each process"))
    }
}
