import Database
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One row of `posts`, before its author and tags are attached.
struct PostRecord: Sendable {
    let id: Int
    let title: String
    let slug: String
    let content: String
    let status: PostStatus
    let viewCount: Int
    let authorId: Int
    let publishedAt: Date?
    let createdAt: Date
    let updatedAt: Date

    /// The columns of `posts p`, as the record reads them (qualified: search joins a
    /// table with `title` and `content` columns of its own).
    static let selected = SQL.columns(columns, of: "p")
    /// The same, unqualified, for `RETURNING`.
    static let returned = SQL.columns(columns)
}

/// Read by position: every page of posts decodes 20 of these.
extension PostRecord: RowDecodable {
    static let columns: [StaticString] = [
        "id", "title", "slug", "content", "status", "view_count", "author_id", "published_at", "created_at", "updated_at",
    ]

    init(row: inout RowReader) throws {
        self.init(
            id: try row.next(), title: try row.next(), slug: try row.next(), content: try row.next(), status: try row.next(),
            viewCount: try row.next(), authorId: try row.next(), publishedAt: try row.next(), createdAt: try row.next(),
            updatedAt: try row.next())
    }
}
