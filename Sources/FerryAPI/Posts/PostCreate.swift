import HTTP

/// The body of `POST /posts` and `PUT /posts/{id}` (which replaces title, content, status
/// and tags: omitted, status is `draft` and the post has no tags).
struct PostCreate: Decodable, SchemaDescribed {
    let title: String
    let content: String
    let status: PostStatus?
    let tags: [String]?

    static let schema = JSONSchema.object([
        "title": PostFields.title, "content": PostFields.content, "status": PostFields.status, "tags": PostFields.tags,
    ], required: ["title", "content"])
}
