import Database

/// Read by position from `categories`.
extension Category: RowDecodable {
    static let columns: [StaticString] = ["id", "name", "slug", "description", "parent_id", "created_at"]

    init(row: inout RowReader) throws {
        self.init(
            id: try row.next(), name: try row.next(), slug: try row.next(), description: try row.next(),
            parentId: try row.next(), createdAt: try row.next())
    }
}
