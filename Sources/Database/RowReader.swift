/// Hands out one row's values in column order to `RowDecodable.init(row:)`. A value
/// that does not convert is an error naming the record type and the column.
public struct RowReader {
    @usableFromInline let row: Row
    @usableFromInline let count: Int
    @usableFromInline let record: any RowDecodable.Type
    @usableFromInline var position = 0

    init(row: Row, record: any RowDecodable.Type) {
        self.row = row
        self.count = row.count
        self.record = record
    }

    /// Throws unless the result's columns are exactly `record.columns`, in order: once
    /// per result, before its first row is read.
    static func check(_ result: ColumnIndex, for record: any RowDecodable.Type) throws {
        if result.isKnownToMatch(record) { return }
        let expected = record.columns
        let matches = result.names.count == expected.count && zip(result.names, expected).allSatisfy { name, column in
            column.withUTF8Buffer { name.utf8.elementsEqual($0) }
        }
        guard !matches else { return result.rememberMatch(record) }
        throw DatabaseError.conversion(
            "\(record) reads the columns (\(expected.map { "\($0)" }.joined(separator: ", "))) but the result has (\(result.names.joined(separator: ", ")))")
    }

    /// The next column's value converted to `T` (`Int?` for a nullable column).
    @inlinable
    public mutating func next<T: DatabaseValueConvertible>(_ type: T.Type = T.self) throws -> T {
        let index = position
        guard index < count else { throw tooFewColumns() }
        position = index + 1
        do {
            return try T.fromDatabaseValue(row[index])
        } catch {
            throw conversionError(error, at: index)
        }
    }

    /// Whether `init(row:)` read exactly the columns it declared (checked after each row:
    /// a record that reads fewer has a `columns` list out of step with its initialiser).
    var hasReadEveryColumn: Bool { position == count }

    @usableFromInline
    func conversionError(_ error: any Error, at index: Int) -> DatabaseError {
        let reason = (error as? DatabaseError).map { error -> String in
            if case .conversion(let message) = error { return message }
            return "\(error)"
        } ?? "\(error)"
        return .conversion("\(record).\(Self.name(of: record, at: index)): \(reason)")
    }

    @usableFromInline
    func tooFewColumns() -> DatabaseError {
        .misuse("\(record).init(row:) reads more columns than the \(count) of its `columns`")
    }

    static func name(of record: any RowDecodable.Type, at index: Int) -> String {
        let columns = record.columns
        return index < columns.count ? "\(columns[index])" : "column \(index)"
    }
}
