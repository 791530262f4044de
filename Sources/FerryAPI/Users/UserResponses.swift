import Database
import HTTP

/// `GET /users/{id}/with-posts`: the user's fields plus the posts the caller may see, newest first.
struct UserWithPosts: JSONObjectEncodable, SchemaDescribed {
    let user: User
    let posts: [Post]

    func encodeMembers(to object: inout JSONObjectMembers) throws {
        try user.encodeMembers(to: &object)
        try object.encode(posts, forKey: "posts")
    }

    static var schema: JSONSchema {
        var schema = User.schema
        schema.properties.append(("posts", .array(.ref(Post.self))))
        schema.required.append("posts")
        return schema
    }
}

/// `GET /users/stats/active-count`.
struct ActiveCount: Encodable, SchemaDescribed {
    let activeUsers: Int
    static let schema = JSONSchema.object(["active_users": .integer(minimum: 0)], required: ["active_users"])
}

/// `GET /users/top-spenders`: one row per user, over orders not cancelled.
struct TopSpender: Codable, SchemaDescribed {
    let username: String
    let email: String
    let orderCount: Int
    let totalSpent: Money

    static let schema = JSONSchema.object([
        "username": .string(), "email": .string(), "order_count": .integer(minimum: 0),
        "total_spent": JSONSchema.string(pattern: "^-?[0-9]+\\.[0-9]{2}$").described("Money: an exact decimal with two fraction digits"),
    ], required: ["username", "email", "order_count", "total_spent"])
}

/// `PATCH /users/bulk/deactivate`.
struct DeactivatedCount: Encodable, SchemaDescribed {
    let deactivatedCount: Int
    static let schema = JSONSchema.object(["deactivated_count": .integer(minimum: 0)], required: ["deactivated_count"])
}

/// `DELETE /users/bulk/inactive`.
struct DeletedCount: Encodable, SchemaDescribed {
    let deletedCount: Int
    static let schema = JSONSchema.object(["deleted_count": .integer(minimum: 0)], required: ["deleted_count"])
}

/// `{"message": "..."}`.
struct MessageBody: Encodable, SchemaDescribed {
    let message: String
    static let schemaName = "Message"
    static let schema = JSONSchema.object(["message": .string()], required: ["message"])
}
