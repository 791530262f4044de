import Database
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One row of `posts` with its author's username, before its tags are attached.
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
    /// Read in the same statement, by primary key per row: a page of posts needs no
    /// statement (no round trip on PostgreSQL) for its authors.
    let authorUsername: String

    /// The columns of `posts p`, as the record reads them (qualified: search joins a
    /// table with `title` and `content` columns of its own).
    static let selected: SQL = "\(sql: SQL.columns(postColumns, of: "p")), \(sql: author("p.author_id"))"
    /// The same, unqualified, for `RETURNING`.
    static let returned: SQL = "\(sql: SQL.columns(postColumns)), \(sql: author("author_id"))"

    /// The author's username for the post row's `author_id` (a scalar subquery, not a join: a
    /// cached PostgreSQL plan for a join hash-joins a scan of every user).
    private static func author(_ authorID: SQL) -> SQL {
        "(SELECT u.username FROM users u WHERE u.id = \(sql: authorID)) AS author_username"
    }
}

/// Read by position: every page of posts decodes 20 of these.
extension PostRecord: RowDecodable {
    /// The columns of `posts` read.
    static let postColumns: [StaticString] = [
        "id", "title", "slug", "content", "status", "view_count", "author_id", "published_at", "created_at", "updated_at",
    ]
    static let columns = postColumns + ["author_username"]

    init(row: inout RowReader) throws {
        self.init(
            id: try row.next(), title: try row.next(), slug: try row.next(), content: try row.next(), status: try row.next(),
            viewCount: try row.next(), authorId: try row.next(), publishedAt: try row.next(), createdAt: try row.next(),
            updatedAt: try row.next(), authorUsername: try row.next())
    }
}
