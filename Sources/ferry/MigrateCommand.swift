import ArgumentParser
import Database
import FerryAPI

/// `ferry migrate`: Alembic's command surface over Ferry's numbered migrations.
struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Change or inspect the database schema (DATABASE_URL).",
        subcommands: [Up.self, Down.self, Status.self, History.self, PrintSQL.self],
        defaultSubcommand: Status.self
    )

    struct Up: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Apply pending migrations, up to TARGET (default: the latest).")
        @Argument(help: "The version to stop at.") var target: Int?

        func run() throws {
            try MigrateCommand.withDatabase { migrator, connection in
                let applied = try migrator.up(connection, to: target)
                report(applied.isEmpty ? "already at version \(try migrator.currentVersion(connection)); nothing to apply"
                                       : applied.map { "applied \($0.version) \($0.name)" }.joined(separator: "\n"))
            }
        }
    }

    struct Down: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revert the last STEPS migrations (default 1), or all with `base`.")
        @Argument(help: "A number of steps, or `base`.") var steps: String = "1"

        func run() throws {
            try MigrateCommand.withDatabase { migrator, connection in
                let reverted: [Migration]
                if steps == "base" {
                    reverted = try migrator.down(connection, to: 0)
                } else if let count = Int(steps), count >= 1 {
                    reverted = try migrator.down(connection, steps: count)
                } else {
                    throw ValidationError("STEPS must be a whole number >= 1 or `base`, not '\(steps)'")
                }
                report(reverted.isEmpty ? "already at base; nothing to revert"
                                        : reverted.map { "reverted \($0.version) \($0.name)" }.joined(separator: "\n"))
            }
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show every migration and whether it is applied.")

        func run() throws {
            try MigrateCommand.withDatabase { migrator, connection in
                let states = try migrator.status(connection)
                var lines = ["database: \(Runtime.configuration(from: Runtime.environment()).database.url)",
                             "current version: \(try migrator.currentVersion(connection)), latest: \(migrator.head)"]
                for state in states {
                    let text = switch state.state {
                    case .applied(let at): "applied \(at)"
                    case .pending: "pending"
                    case .checksumMismatch: "CHANGED after it was applied"
                    case .unknown: "applied, but unknown to this build"
                    }
                    lines.append("  \(state.version) \(state.name): \(text)")
                }
                report(lines.joined(separator: "\n"))
            }
        }
    }

    struct History: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List applied migrations, oldest first, with checksums.")

        func run() throws {
            try MigrateCommand.withDatabase { migrator, connection in
                let rows = try migrator.history(connection)
                report(rows.isEmpty ? "no migration applied"
                                    : rows.map { "\($0.version) \($0.name)  applied \($0.appliedAt)  checksum \($0.checksum)" }
                                        .joined(separator: "\n"))
            }
        }
    }

    struct PrintSQL: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sql", abstract: "Print the SQL that `up` or `down` would run, without running it.")
        @Argument(help: "up or down.") var direction: String = "up"
        @Argument(help: "The target version (up: default latest; down: default one step).") var target: Int?

        func run() throws {
            guard let way = MigrationDirection(rawValue: direction) else { throw ValidationError("DIRECTION must be up or down") }
            try MigrateCommand.withDatabase { migrator, connection in
                let current = try migrator.currentVersion(connection)
                let stop = target ?? (way == .down ? migrator.migrations.last { $0.version < current }?.version ?? 0 : nil)
                let script = try migrator.sql(way, from: current, to: stop, dialect: connection.dialect)
                report(script.isEmpty ? "-- nothing to run: the database is at version \(current)" : script)
            }
        }
    }

    /// Runs `body` on one connection to DATABASE_URL; a failure ends the command with its message.
    static func withDatabase(_ body: (Migrator, any Connection) throws -> Void) throws {
        let environment = Runtime.environment()
        let logger = Runtime.bootstrapLogging(environment: environment)
        let configuration = Runtime.configuration(from: environment)
        let pool = ConnectionPool(configuration: configuration.database, logger: logger)
        defer { pool.close() }
        do {
            try pool.withConnection { try body(AppMigrations.makeMigrator(), $0) }
        } catch let error as ValidationError {
            throw error
        } catch {
            Runtime.fail("\(error)")
        }
    }
}

private func report(_ text: String) { FileDescriptorOutput.standardOutput.print(text) }
