/// One row of a result. Rows share their result's storage: no per-row allocation.
public struct Row: Sendable {
    public let columns: ColumnIndex
    @usableFromInline let storage: [DatabaseValue]
    @usableFromInline let offset: Int

    public var count: Int { columns.count }

    /// The value of the column at `index` (0-based).
    @inlinable
    public subscript(index: Int) -> DatabaseValue {
        storage[offset + index]
    }

    /// The value of the named column (`created_at` or `createdAt`), nil if absent.
    public subscript(name: String) -> DatabaseValue? {
        columns.position(of: name).map { storage[offset + $0] }
    }

    /// The column at `index` converted to `T`.
    public func decode<T: DatabaseValueConvertible>(_ type: T.Type = T.self, at index: Int) throws -> T {
        guard index < count else {
            throw DatabaseError.conversion("the row has \(count) columns; column \(index) asked for")
        }
        return try T.fromDatabaseValue(self[index])
    }

    /// The named column converted to `T`.
    public func decode<T: DatabaseValueConvertible>(_ type: T.Type = T.self, column name: String) throws -> T {
        guard let position = columns.position(of: name) else {
            throw DatabaseError.conversion("no column named \(name) in the result (\(columns.names.joined(separator: ", ")))")
        }
        return try T.fromDatabaseValue(self[position])
    }

    /// The whole row as a `Decodable` record; see `RowDecoder`.
    public func decode<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        try RowDecoder(row: self).decodeRecord(T.self)
    }
}
