/// The rows of a result, stored flat (one array for all values of all rows).
public struct Rows: RandomAccessCollection, Sendable {
    public let columns: ColumnIndex
    let storage: [DatabaseValue]
    public let count: Int

    init(columns: ColumnIndex, storage: [DatabaseValue]) {
        self.columns = columns
        self.storage = storage
        self.count = columns.count == 0 ? 0 : storage.count / columns.count
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public subscript(position: Int) -> Row {
        Row(columns: columns, storage: storage, offset: position * columns.count)
    }
}

extension Rows {
    /// Every row as a `RowDecodable` record, read by position; the columns are checked
    /// against `T.columns` once, not per row.
    public func decode<T: RowDecodable>(_ type: T.Type = T.self) throws -> [T] {
        try RowReader.check(columns, for: T.self)
        var out: [T] = []
        out.reserveCapacity(count)
        for row in self { out.append(try Self.decode(row, as: T.self)) }
        return out
    }

    /// The first row as a `RowDecodable` record, or nil when there is none.
    public func decodeFirst<T: RowDecodable>(_ type: T.Type = T.self) throws -> T? {
        guard let row = first else { return nil }
        try RowReader.check(columns, for: T.self)
        return try Self.decode(row, as: T.self)
    }

    private static func decode<T: RowDecodable>(_ row: Row, as type: T.Type) throws -> T {
        var reader = RowReader(row: row, record: T.self)
        let record = try T(row: &reader)
        guard reader.hasReadEveryColumn else {
            throw DatabaseError.misuse("\(T.self).init(row:) read fewer columns than the \(row.count) of its `columns`")
        }
        return record
    }
}
