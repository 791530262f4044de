import HTTP

/// The body of `POST /posts/{id}/comments`.
struct CommentCreate: Decodable, SchemaDescribed {
    let content: String
    let parentId: Int?

    static let schema = JSONSchema.object([
        "content": .string(minLength: 1, maxLength: 5000),
        "parent_id": JSONSchema.integer(minimum: 1).orNull.described("The comment of the same post this one replies to"),
    ], required: ["content"])
}
