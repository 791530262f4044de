import HTTP

/// The author embedded in a post: `{id, username}`.
struct PostAuthor: Codable, Sendable, SchemaDescribed {
    let id: Int
    let username: String

    static let schema = JSONSchema.object(
        ["id": .integer(minimum: 1), "username": .string()], required: ["id", "username"])
}
