/// Decodes a `Decodable` record from one row: each property reads the column of the
/// same name, or of its snake_case form (`createdAt` <- `created_at`).
///
/// Properties whose type is `DatabaseValueConvertible` (Int, String, Date, Money...)
/// convert directly; other `Decodable` property types (e.g. `enum Status: String`)
/// decode from the single column value. A type that is itself
/// `DatabaseValueConvertible` decodes from the first column.
///
/// Each property costs a column-name lookup and a container: records read on every
/// request are `RowDecodable` instead (by position), which `Session` prefers.
struct RowDecoder: Decoder {
    let row: Row
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func decodeRecord<T: Decodable>(_ type: T.Type) throws -> T {
        if let convertible = T.self as? any DatabaseValueConvertible.Type {
            guard row.count > 0 else { throw DatabaseError.conversion("the row has no column to read \(T.self) from") }
            return try convertible.fromDatabaseValue(row[0]) as! T
        }
        return try T(from: self)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(RowKeyedContainer<Key>(row: row))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw DatabaseError.conversion("a row decodes into a keyed record, not an array")
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        guard row.count > 0 else { throw DatabaseError.conversion("the row has no column") }
        return ColumnDecoder(value: row[0], codingPath: [])
    }
}
