import Database

/// Read by position from `comments`.
extension Comment: RowDecodable {
    static let columns: [StaticString] = ["id", "post_id", "user_id", "parent_id", "content", "created_at"]

    init(row: inout RowReader) throws {
        self.init(
            id: try row.next(), postId: try row.next(), userId: try row.next(), parentId: try row.next(),
            content: try row.next(), createdAt: try row.next())
    }
}
