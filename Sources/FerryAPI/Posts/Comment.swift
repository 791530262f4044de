#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import HTTP

/// A comment on a post; `parent_id` names the comment it replies to.
struct Comment: Codable, JSONObjectEncodable, Sendable, SchemaDescribed {
    let id: Int
    let postId: Int
    let userId: Int
    let parentId: Int?
    let content: String
    let createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, postId, userId, parentId, content, createdAt
    }

    /// A top-level comment's `parent_id` reads `null`.
    func encodeMembers(to object: inout JSONObjectMembers) throws {
        try object.encode(id, forKey: "id")
        try object.encode(postId, forKey: "post_id")
        try object.encode(userId, forKey: "user_id")
        try object.encode(parentId, forKey: "parent_id")
        try object.encode(content, forKey: "content")
        try object.encode(createdAt, forKey: "created_at")
    }

    static let schema = JSONSchema.object([
        "id": .integer(minimum: 1), "post_id": .integer(minimum: 1), "user_id": .integer(minimum: 1),
        "parent_id": JSONSchema.integer(minimum: 1).orNull, "content": .string(),
        "created_at": .string(format: "date-time"),
    ], required: ["id", "post_id", "user_id", "parent_id", "content", "created_at"])
}
