/// A `String` raw-value type (`enum PostStatus: String`) stored as its raw value in a
/// text column. Conforming is all it takes to bind it (`\(status)`) and read it
/// (`RowReader.next()`) without `Codable`; text that is no raw value of the type is a
/// `DatabaseError.conversion`.
public protocol DatabaseStringEnum: RawRepresentable, DatabaseValueConvertible where RawValue == String {}

extension DatabaseStringEnum {
    public var databaseValue: DatabaseValue { .text(rawValue) }
    public static var sqlTypeName: StaticString { "TEXT" }

    public static func fromDatabaseValue(_ value: DatabaseValue) throws -> Self {
        guard case .text(let text) = value else { throw conversionError(value) }
        // The text itself stays out of the message, as every conversion error's value does.
        guard let result = Self(rawValue: text) else {
            throw DatabaseError.conversion("text that is no \(Self.self) raw value (\(text.utf8.count) bytes)")
        }
        return result
    }
}
