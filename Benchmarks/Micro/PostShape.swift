import Database
import Foundation

/// A `posts` row as `PostRecord` reads it, decodable both ways, so the microbenchmark
/// compares positional decoding with the `Codable` path on the same rows.
struct PostShape: Decodable, RowDecodable {
    enum Status: String, Decodable, DatabaseStringEnum { case draft, published, archived }

    let id: Int
    let title: String
    let slug: String
    let content: String
    let status: Status
    let viewCount: Int
    let authorId: Int
    let publishedAt: Date?
    let createdAt: Date
    let updatedAt: Date

    static let columns: [StaticString] = [
        "id", "title", "slug", "content", "status", "view_count", "author_id", "published_at", "created_at", "updated_at",
    ]

    init(row: inout RowReader) throws {
        id = try row.next()
        title = try row.next()
        slug = try row.next()
        content = try row.next()
        status = try row.next()
        viewCount = try row.next()
        authorId = try row.next()
        publishedAt = try row.next()
        createdAt = try row.next()
        updatedAt = try row.next()
    }
}
