/// Every error the `Database` module throws.
///
/// Server errors are classified by PostgreSQL SQLSTATE or SQLite extended result
/// code, so callers can map them without parsing messages: conflicts (unique,
/// foreign key) to 409, unavailability (`isUnavailable`) to 503, and retry whole
/// transactions on `isRetryable`.
public enum DatabaseError: Error, Sendable, CustomStringConvertible {
    /// PostgreSQL names the constraint; SQLite does not, so there it is the
    /// `table.column` list from its message (`"users.email"`).
    case uniqueViolation(constraint: String?, message: String)
    /// PostgreSQL names the constraint; SQLite reports none (nil).
    case foreignKeyViolation(constraint: String?, message: String)
    case checkViolation(constraint: String?, message: String)
    case notNullViolation(column: String?, message: String)
    /// PostgreSQL 40001: the transaction must be retried from the start.
    case serializationFailure(message: String)
    /// PostgreSQL 40P01.
    case deadlock(message: String)
    /// A write in a transaction begun `.readOnly` (PostgreSQL 25006; SQLite checks each
    /// statement): a bug in the caller, such as a GET handler that writes.
    case readOnlyTransaction(message: String)
    /// SQLite `SQLITE_BUSY` after the busy timeout: another connection holds the lock.
    case busy(message: String)
    /// An open connection died (server restart, network). The connection is discarded.
    case connectionLost(message: String)
    /// A new connection could not be opened (server down, bad credentials, bad path).
    case connectionFailed(message: String)
    /// Every connection stayed checked out for longer than the pool's timeout.
    case poolTimeout(seconds: Double, status: PoolStatus)
    /// The pool was closed (`ConnectionPool.close()`); no more checkouts.
    case poolClosed
    /// Any other error from the database, with its SQLSTATE (PostgreSQL) or
    /// extended result code (SQLite, e.g. `"SQLITE_ERROR(1)"`).
    case statement(code: String, message: String)
    /// A column value that does not fit the requested Swift type, or a missing column.
    case conversion(String)
    /// The API was used in a way it does not allow (e.g. a write lock asked for
    /// after the transaction already began).
    case misuse(String)

    /// True for errors where running the whole transaction again may succeed.
    public var isRetryable: Bool {
        switch self {
        case .serializationFailure, .deadlock, .busy: true
        default: false
        }
    }

    /// True when the database cannot be reached or no connection was free in time:
    /// the HTTP layer answers 503.
    public var isUnavailable: Bool {
        switch self {
        case .connectionLost, .connectionFailed, .poolTimeout, .poolClosed: true
        default: false
        }
    }

    /// True for uniqueness and reference conflicts (HTTP 409).
    public var isConstraintConflict: Bool {
        switch self {
        case .uniqueViolation, .foreignKeyViolation: true
        default: false
        }
    }

    /// The constraint (or column for not-null) named by the database, if any.
    public var constraintName: String? {
        switch self {
        case .uniqueViolation(let c, _), .foreignKeyViolation(let c, _), .checkViolation(let c, _): c
        case .notNullViolation(let column, _): column
        default: nil
        }
    }

    public var description: String {
        switch self {
        case .uniqueViolation(let c, let m): "unique constraint violated\(Self.named(c)): \(m)"
        case .foreignKeyViolation(let c, let m): "foreign key constraint violated\(Self.named(c)): \(m)"
        case .checkViolation(let c, let m): "check constraint violated\(Self.named(c)): \(m)"
        case .notNullViolation(let c, let m): "not-null constraint violated\(Self.named(c)): \(m)"
        case .serializationFailure(let m): "serialization failure (retry the transaction): \(m)"
        case .deadlock(let m): "deadlock detected (retry the transaction): \(m)"
        case .readOnlyTransaction(let m):
            "write attempted in a read-only transaction (the unit of work, e.g. a GET or HEAD request, must not write): \(m)"
        case .busy(let m): "database is busy (retry the transaction): \(m)"
        case .connectionLost(let m): "database connection lost: \(m)"
        case .connectionFailed(let m): "cannot connect to the database: \(m)"
        case .poolTimeout(let seconds, let status):
            "no database connection free within \(seconds) s (pool size \(status.size), overflow \(status.overflow) of max \(status.maxOverflow), checked out \(status.checkedOut))"
        case .poolClosed: "the connection pool is closed"
        case .statement(let code, let m): "database error \(code): \(m)"
        case .conversion(let m): "value conversion failed: \(m)"
        case .misuse(let m): "database API misuse: \(m)"
        }
    }

    private static func named(_ name: String?) -> String {
        name.map { " (\($0))" } ?? ""
    }
}
