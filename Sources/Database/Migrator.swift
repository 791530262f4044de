#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Applies and reverts numbered `Migration`s, recording them in `schema_migrations`
/// (version, name, checksum of the up SQL, applied_at). The command surface follows
/// Alembic: `up(to:)`, `down(steps:)`, `down(to: 0)` for base, `status`, `history`,
/// and `sql` to print what would run.
///
/// Each migration runs in its own transaction with its bookkeeping row, so a failed
/// migration leaves the database at the previous version. The transaction takes the
/// write lock up front (SQLite) or an advisory lock (PostgreSQL), and re-checks the
/// version inside it, so two `ferry migrate up` at once apply each migration once.
public struct Migrator: Sendable {
    public let migrations: [Migration]

    /// `pg_advisory_xact_lock` key shared by every Ferry migrator ("ferrymig").
    private static let advisoryLockKey: Int64 = 0x6665_7272_796d_6967

    public init(_ migrations: [Migration]) throws(MigrationError) {
        let sorted = migrations.sorted { $0.version < $1.version }
        for (a, b) in zip(sorted, sorted.dropFirst()) where a.version == b.version {
            throw .invalidDeclaration("version \(a.version) is declared twice ('\(a.name)', '\(b.name)')")
        }
        for m in sorted {
            if m.version < 1 { throw .invalidDeclaration("version \(m.version) of '\(m.name)' must be >= 1") }
            if m.up.hasBindings || m.down.hasBindings {
                throw .invalidDeclaration("migration \(m.version) '\(m.name)' binds values; migrations are plain SQL scripts")
            }
        }
        self.migrations = sorted
    }

    /// The highest declared version (0 when none).
    public var head: Int { migrations.last?.version ?? 0 }

    // MARK: - Reading the state

    /// The rows of `schema_migrations`, oldest version first (empty before the first migration).
    public func history(_ connection: any Connection) throws -> [AppliedMigration] {
        guard try tableExists(connection) else { return [] }
        let rows = try connection.query(
            "SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version")
        return try rows.map { try $0.decode(AppliedMigration.self) }
    }

    /// The highest applied version, 0 for base.
    public func currentVersion(_ connection: any Connection) throws -> Int {
        try history(connection).last?.version ?? 0
    }

    /// Every declared migration with its state, plus applied ones this build lacks.
    public func status(_ connection: any Connection) throws -> [MigrationStatus] {
        let applied = Dictionary(uniqueKeysWithValues: try history(connection).map { ($0.version, $0) })
        var out: [MigrationStatus] = migrations.map { m in
            guard let row = applied[m.version] else {
                return MigrationStatus(version: m.version, name: m.name, state: .pending)
            }
            let current = m.checksum(for: connection.dialect)
            if row.checksum != current {
                return MigrationStatus(version: m.version, name: m.name,
                                       state: .checksumMismatch(recorded: row.checksum, current: current))
            }
            return MigrationStatus(version: m.version, name: m.name, state: .applied(at: row.appliedAt))
        }
        let declared = Set(migrations.map(\.version))
        for row in applied.values where !declared.contains(row.version) {
            out.append(MigrationStatus(version: row.version, name: row.name, state: .unknown))
        }
        return out.sorted { $0.version < $1.version }
    }

    /// True when every declared migration is applied, unchanged, and nothing else is.
    public func isCurrent(_ connection: any Connection) throws -> Bool {
        try status(connection).allSatisfy {
            if case .applied = $0.state { return true }
            return false
        }
    }

    /// Throws `MigrationError.notCurrent` with what is wrong and the command to run;
    /// `ferry serve` calls it before accepting requests.
    public func checkCurrent(_ connection: any Connection) throws {
        let states = try status(connection)
        var problems: [String] = []
        let pending = states.filter { $0.state == .pending }
        if !pending.isEmpty {
            let list = pending.map { "\($0.version) \($0.name)" }.joined(separator: ", ")
            problems.append("\(pending.count) pending migration(s) (\(list)): run `ferry migrate up`")
        }
        for s in states {
            if case .checksumMismatch(let recorded, let current) = s.state {
                problems.append(MigrationError.checksumMismatch(
                    version: s.version, name: s.name, recorded: recorded, current: current).description)
            }
        }
        let unknown = states.filter { $0.state == .unknown }.map(\.version)
        if !unknown.isEmpty { problems.append(MigrationError.unknownApplied(versions: unknown).description) }
        guard problems.isEmpty else {
            throw MigrationError.notCurrent(
                "the database schema is not current (at version \(states.last { $0.state != .pending }?.version ?? 0), "
                    + "this build expects \(head)): " + problems.joined(separator: "; "))
        }
    }

    // MARK: - Changing the schema

    /// Applies pending migrations up to `target` (default: the latest), oldest first.
    /// Refuses to run when an applied migration was edited. Returns what it applied.
    @discardableResult
    public func up(_ connection: any Connection, to target: Int? = nil) throws -> [Migration] {
        let target = try resolve(target)
        try ensureTable(connection)
        let applied = try verifiedHistory(connection)
        let done = Set(applied.map(\.version))
        var ran: [Migration] = []
        for m in migrations where m.version <= target && !done.contains(m.version) {
            if try run(m, .up, on: connection) { ran.append(m) }
        }
        return ran
    }

    /// Reverts the `steps` most recent migrations. Returns what it reverted.
    @discardableResult
    public func down(_ connection: any Connection, steps: Int) throws -> [Migration] {
        guard steps >= 1 else { throw MigrationError.invalidTarget("steps must be >= 1, not \(steps)") }
        let applied = try verifiedHistory(connection)
        return try revert(applied.suffix(steps).reversed().map(\.version), on: connection)
    }

    /// Reverts every migration above `target` (0: back to base, an empty schema).
    @discardableResult
    public func down(_ connection: any Connection, to target: Int) throws -> [Migration] {
        if target != 0 { _ = try resolve(target) }
        let applied = try verifiedHistory(connection)
        return try revert(applied.filter { $0.version > target }.reversed().map(\.version), on: connection)
    }

    // MARK: - Printing SQL

    /// The SQL that `up(to:)` or `down(to:)` would run from version `current`,
    /// bookkeeping included, without running anything (`ferry migrate sql`).
    /// For `.down`, `target` is where to stop (0 = base); for `.up`, nil means latest.
    public func sql(_ direction: MigrationDirection, from current: Int, to target: Int?, dialect: Dialect) throws -> String {
        let selected: [Migration]
        switch direction {
        case .up:
            let target = try resolve(target)
            selected = migrations.filter { $0.version > current && $0.version <= target }
        case .down:
            let target = target ?? max(0, (migrations.last { $0.version < current }?.version ?? 0))
            selected = migrations.filter { $0.version <= current && $0.version > target }.reversed()
        }
        var out = ""
        for m in selected {
            out += "-- \(m.version) \(m.name) (\(direction))\nBEGIN;\n"
            var script = m.script(direction, for: dialect).trimmingTrailingWhitespace()
            if !script.hasSuffix(";") { script += ";" }
            out += script + "\n"
            let name = m.name.replacing("'", with: "''")
            switch direction {
            case .up:
                let now = dialect == .postgresql ? "now()" : "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"
                out += "INSERT INTO schema_migrations (version, name, checksum, applied_at) "
                    + "VALUES (\(m.version), '\(name)', '\(m.checksum(for: dialect))', \(now));\n"
            case .down:
                out += "DELETE FROM schema_migrations WHERE version = \(m.version);\n"
            }
            out += "COMMIT;\n\n"
        }
        return out
    }

    /// `sql(_:from:to:dialect:)` from the database's current version.
    public func sql(_ direction: MigrationDirection, to target: Int?, on connection: any Connection) throws -> String {
        try sql(direction, from: try currentVersion(connection), to: target, dialect: connection.dialect)
    }

    // MARK: - Internals

    private func resolve(_ target: Int?) throws(MigrationError) -> Int {
        guard let target else { return head }
        guard migrations.contains(where: { $0.version == target }) else {
            throw .invalidTarget("no migration has version \(target) (declared: \(migrations.map { String($0.version) }.joined(separator: ", ")))")
        }
        return target
    }

    /// The history, after refusing edited or unknown applied migrations.
    private func verifiedHistory(_ connection: any Connection) throws -> [AppliedMigration] {
        let applied = try history(connection)
        let byVersion = Dictionary(uniqueKeysWithValues: migrations.map { ($0.version, $0) })
        var unknown: [Int] = []
        for row in applied {
            guard let m = byVersion[row.version] else {
                unknown.append(row.version)
                continue
            }
            let current = m.checksum(for: connection.dialect)
            if row.checksum != current {
                throw MigrationError.checksumMismatch(version: m.version, name: m.name, recorded: row.checksum, current: current)
            }
        }
        if !unknown.isEmpty { throw MigrationError.unknownApplied(versions: unknown) }
        return applied
    }

    private func revert(_ versions: [Int], on connection: any Connection) throws -> [Migration] {
        let byVersion = Dictionary(uniqueKeysWithValues: migrations.map { ($0.version, $0) })
        var ran: [Migration] = []
        for version in versions {
            guard let m = byVersion[version] else { throw MigrationError.unknownApplied(versions: [version]) }
            if try run(m, .down, on: connection) { ran.append(m) }
        }
        return ran
    }

    /// Runs one migration and its bookkeeping in one transaction; false if another
    /// process did it first.
    private func run(_ m: Migration, _ direction: MigrationDirection, on connection: any Connection) throws -> Bool {
        do {
            try connection.begin(.immediate)
            if connection.dialect == .postgresql {
                _ = try connection.query("SELECT pg_advisory_xact_lock(\(Self.advisoryLockKey))")
            }
            let isApplied = try connection.query("SELECT 1 FROM schema_migrations WHERE version = \(m.version)").count == 1
            guard isApplied == (direction == .down) else {
                try connection.rollback()
                return false
            }
            try connection.executeScript(direction == .up ? m.up : m.down)
            switch direction {
            case .up:
                try connection.execute("""
                    INSERT INTO schema_migrations (version, name, checksum, applied_at) \
                    VALUES (\(m.version), \(m.name), \(m.checksum(for: connection.dialect)), \(Date()))
                    """)
            case .down:
                try connection.execute("DELETE FROM schema_migrations WHERE version = \(m.version)")
            }
            try connection.commit()
            return true
        } catch {
            try? connection.rollback()
            let underlying = error as? DatabaseError ?? .misuse("\(error)")
            throw MigrationError.failed(version: m.version, name: m.name, direction: direction, underlying: underlying)
        }
    }

    private func tableExists(_ connection: any Connection) throws -> Bool {
        let probe: SQL = .dialect(
            sqlite: "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'",
            postgresql: "SELECT 1 WHERE to_regclass('schema_migrations') IS NOT NULL")
        return try connection.query(probe).count == 1
    }

    private func ensureTable(_ connection: any Connection) throws {
        try connection.executeScript(SQL.dialect(
            sqlite: """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version INTEGER PRIMARY KEY,
                    name TEXT NOT NULL,
                    checksum TEXT NOT NULL,
                    applied_at TEXT NOT NULL
                )
                """,
            postgresql: """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version BIGINT PRIMARY KEY,
                    name TEXT NOT NULL,
                    checksum TEXT NOT NULL,
                    applied_at TIMESTAMPTZ NOT NULL
                )
                """))
    }
}
