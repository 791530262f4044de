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
