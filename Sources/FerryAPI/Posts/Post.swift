#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import HTTP

/// A post as the API shows it: its row, its author and its tags.
struct Post: Encodable, Sendable, SchemaDescribed {
    let record: PostRecord
    let author: PostAuthor
    let tags: [Tag]

    enum CodingKeys: String, CodingKey {
        case id, title, slug, content, status, viewCount, authorId, author, tags, publishedAt, createdAt, updatedAt
    }

    /// Written out so an unpublished post's `published_at` reads `null` instead of vanishing.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(record.id, forKey: .id)
        try container.encode(record.title, forKey: .title)
        try container.encode(record.slug, forKey: .slug)
        try container.encode(record.content, forKey: .content)
        try container.encode(record.status, forKey: .status)
        try container.encode(record.viewCount, forKey: .viewCount)
        try container.encode(record.authorId, forKey: .authorId)
        try container.encode(author, forKey: .author)
        try container.encode(tags, forKey: .tags)
        try container.encode(record.publishedAt, forKey: .publishedAt)
        try container.encode(record.createdAt, forKey: .createdAt)
        try container.encode(record.updatedAt, forKey: .updatedAt)
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
