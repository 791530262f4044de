import Database

/// One row of `tags`, without counts.
struct TagRecord: Sendable {
    let id: Int
    let name: String
    let slug: String
}

extension TagRecord: RowDecodable {
    static let columns: [StaticString] = ["id", "name", "slug"]

    init(row: inout RowReader) throws {
        self.init(id: try row.next(), name: try row.next(), slug: try row.next())
    }
}
