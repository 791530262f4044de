/// A Swift type that can be bound as a parameter and read back from a column.
///
/// Conformances exist for `Int`, `Int64`, `Int32`, `Bool`, `String`, `Double`,
/// `[UInt8]`, `Date` (UTC, microsecond precision), `Money` (integer cents) and
/// `Optional` of any of them.
public protocol DatabaseValueConvertible: Sendable {
    var databaseValue: DatabaseValue { get }
    /// Converts a column value; throws `DatabaseError.conversion` when it does not fit.
    static func fromDatabaseValue(_ value: DatabaseValue) throws -> Self
    /// The SQL type named in `CAST(NULL AS ...)` when an empty `\(list:)` must still
    /// compare with the right type on PostgreSQL.
    static var sqlTypeName: StaticString { get }
}

extension DatabaseValueConvertible {
    public static var sqlTypeName: StaticString { "TEXT" }

    static func conversionError(_ value: DatabaseValue) -> DatabaseError {
        .conversion("cannot convert a \(value.kindName) column value to \(Self.self)")
    }
}
