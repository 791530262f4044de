import Database
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One row of `posts`, before its author and tags are attached.
struct PostRecord: Decodable, Sendable {
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
    static let selected: SQL = "p.id, p.title, p.slug, p.content, p.status, p.view_count, p.author_id, p.published_at, p.created_at, p.updated_at"
    /// The same, unqualified, for `RETURNING`.
    static let returned: SQL = "id, title, slug, content, status, view_count, author_id, published_at, created_at, updated_at"
}
