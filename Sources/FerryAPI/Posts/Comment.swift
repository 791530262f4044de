#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import HTTP

/// A comment on a post; `parent_id` names the comment it replies to.
struct Comment: Codable, Sendable, SchemaDescribed {
    let id: Int
    let postId: Int
    let userId: Int
    let parentId: Int?
    let content: String
    let createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, postId, userId, parentId, content, createdAt
    }

    /// Written out so a top-level comment's `parent_id` reads `null`.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(postId, forKey: .postId)
        try container.encode(userId, forKey: .userId)
        try container.encode(parentId, forKey: .parentId)
        try container.encode(content, forKey: .content)
        try container.encode(createdAt, forKey: .createdAt)
    }

    static let schema = JSONSchema.object([
        "id": .integer(minimum: 1), "post_id": .integer(minimum: 1), "user_id": .integer(minimum: 1),
        "parent_id": JSONSchema.integer(minimum: 1).orNull, "content": .string(),
        "created_at": .string(format: "date-time"),
    ], required: ["id", "post_id", "user_id", "parent_id", "content", "created_at"])
}
