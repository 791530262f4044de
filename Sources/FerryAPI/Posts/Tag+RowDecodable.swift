import Database

/// Read by position: `TagRepository.list` selects the tag and its `post_count`.
extension Tag: RowDecodable {
    static let columns: [StaticString] = ["id", "name", "slug", "post_count"]

    init(row: inout RowReader) throws {
        self.init(id: try row.next(), name: try row.next(), slug: try row.next(), postCount: try row.next())
    }
}
