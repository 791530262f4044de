#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import HTTP

/// A post as the API shows it: its row, its author and its tags.
struct Post: JSONObjectEncodable, Sendable, SchemaDescribed {
    let record: PostRecord
    let author: PostAuthor
    let tags: [Tag]

    /// An unpublished post's `published_at` reads `null` instead of vanishing.
    func encodeMembers(to object: inout JSONObjectMembers) throws {
        try object.encode(record.id, forKey: "id")
        try object.encode(record.title, forKey: "title")
        try object.encode(record.slug, forKey: "slug")
        try object.encode(record.content, forKey: "content")
        try object.encode(record.status.rawValue, forKey: "status")  // what the enum's Encodable writes, without its encoder
        try object.encode(record.viewCount, forKey: "view_count")
        try object.encode(record.authorId, forKey: "author_id")
        try object.encode(author, forKey: "author")
        try object.encode(tags, forKey: "tags")
        try object.encode(record.publishedAt, forKey: "published_at")
        try object.encode(record.createdAt, forKey: "created_at")
        try object.encode(record.updatedAt, forKey: "updated_at")
    }

    static let schema = JSONSchema.object([
        "id": .integer(minimum: 1), "title": .string(), "slug": .string(), "content": .string(),
        "status": PostStatus.schema, "view_count": .integer(minimum: 0), "author_id": .integer(minimum: 1),
        "author": .ref(PostAuthor.self), "tags": .array(.ref(Tag.self)),
        "published_at": JSONSchema.string(format: "date-time").orNull
            .described("Set the first time the post is published, kept afterwards"),
        "created_at": .string(format: "date-time"), "updated_at": .string(format: "date-time"),
    ], required: ["id", "title", "slug", "content", "status", "view_count", "author_id", "author", "tags",
                  "published_at", "created_at", "updated_at"])
}
