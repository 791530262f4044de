import HTTP

/// The author embedded in a post: `{id, username}`.
struct PostAuthor: Codable, JSONObjectEncodable, Sendable, SchemaDescribed {
    let id: Int
    let username: String

    func encodeMembers(to object: inout JSONObjectMembers) throws {
        try object.encode(id, forKey: "id")
        try object.encode(username, forKey: "username")
    }

    static let schema = JSONSchema.object(
        ["id": .integer(minimum: 1), "username": .string()], required: ["id", "username"])
}
