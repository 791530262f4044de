import HTTP

/// A tag with the number of posts carrying it that the caller may see.
struct Tag: Codable, JSONObjectEncodable, Sendable, SchemaDescribed {
    let id: Int
    let name: String
    let slug: String
    let postCount: Int

    func encodeMembers(to object: inout JSONObjectMembers) throws {
        try object.encode(id, forKey: "id")
        try object.encode(name, forKey: "name")
        try object.encode(slug, forKey: "slug")
        try object.encode(postCount, forKey: "post_count")
    }

    static let schema = JSONSchema.object([
        "id": .integer(minimum: 1), "name": .string(minLength: 1, maxLength: 50), "slug": .string(),
        "post_count": JSONSchema.integer(minimum: 0).described("Posts with this tag that the caller may see"),
    ], required: ["id", "name", "slug", "post_count"])
}
