import Database

/// Read by position from `users` (a page of posts reads its authors' rows).
extension PostAuthor: RowDecodable {
    static let columns: [StaticString] = ["id", "username"]

    init(row: inout RowReader) throws {
        self.init(id: try row.next(), username: try row.next())
    }
}
