import HTTP

/// A tag with the number of posts carrying it that the caller may see.
struct Tag: Codable, Sendable, SchemaDescribed {
    let id: Int
    let name: String
    let slug: String
    let postCount: Int

    static let schema = JSONSchema.object([
        "id": .integer(minimum: 1), "name": .string(minLength: 1, maxLength: 50), "slug": .string(),
        "post_count": JSONSchema.integer(minimum: 0).described("Posts with this tag that the caller may see"),
    ], required: ["id", "name", "slug", "post_count"])
}
