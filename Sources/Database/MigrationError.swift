/// Why migrating, or starting on a database, was refused.
public enum MigrationError: Error, Sendable, CustomStringConvertible {
    /// The declared list is inconsistent (duplicate or non-positive versions, bound values).
    case invalidDeclaration(String)
    /// An applied migration's up SQL was edited afterwards.
    case checksumMismatch(version: Int, name: String, recorded: String, current: String)
    /// The database has migrations this build does not declare.
    case unknownApplied(versions: [Int])
    /// A migration failed and was rolled back; the earlier ones stay applied.
    case failed(version: Int, name: String, direction: MigrationDirection, underlying: DatabaseError)
    /// A target version that is not declared, or a step count below 1.
    case invalidTarget(String)
    /// The database is not at the schema this build expects (`ferry serve` refuses).
    case notCurrent(String)

    public var description: String {
        switch self {
        case .invalidDeclaration(let m):
            "invalid migrations: \(m)"
        case .checksumMismatch(let version, let name, let recorded, let current):
            "migration \(version) '\(name)' was changed after it was applied (checksum \(recorded) recorded, \(current) now); "
                + "restore its SQL and add a new migration for the change"
        case .unknownApplied(let versions):
            "the database has migration(s) \(versions.map(String.init).joined(separator: ", ")) that this build does not declare; "
                + "run the build that applied them, or revert them with it (`ferry migrate down`)"
        case .failed(let version, let name, let direction, let underlying):
            "migration \(version) '\(name)' (\(direction)) failed and was rolled back: \(underlying)"
        case .invalidTarget(let m):
            "invalid migration target: \(m)"
        case .notCurrent(let m):
            m
        }
    }
}
