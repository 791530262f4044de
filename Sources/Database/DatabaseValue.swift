/// One value as it travels to or from a database column.
///
/// SQLite has only the first five storage classes; the others exist because
/// PostgreSQL columns carry types that a plain integer or string would lose:
/// `bool` binds as a PostgreSQL `boolean` (SQLite stores 0/1), `timestamp` binds as
/// `timestamptz` (SQLite stores ISO-8601 UTC text with microseconds and `Z`), and
/// `numeric` keeps the exact text of a PostgreSQL `NUMERIC` (e.g. a `SUM` or `AVG`).
public enum DatabaseValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case double(Double)
    case text(String)
    case blob([UInt8])
    case bool(Bool)
    /// Microseconds since 1970-01-01T00:00:00Z.
    case timestamp(microseconds: Int64)
    /// An exact decimal written as text (`"123.45"`), as PostgreSQL returns `NUMERIC`.
    case numeric(String)

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// A short name of the stored kind, for error messages (never the value itself).
    public var kindName: String {
        switch self {
        case .null: "null"
        case .integer: "integer"
        case .double: "double"
        case .text: "text"
        case .blob: "blob"
        case .bool: "bool"
        case .timestamp: "timestamp"
        case .numeric: "numeric"
        }
    }
}
