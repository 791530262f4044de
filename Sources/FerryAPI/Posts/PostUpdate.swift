import HTTP

/// `PATCH /posts/{id}`: only the fields sent change; `tags`, when sent, replaces the set.
/// No post field is nullable, so `null` is a 422 like any other wrong type.
struct PostUpdate {
    var title: String?
    var content: String?
    var status: PostStatus?
    var tags: [String]?

    static let schema = JSONSchema.object([
        "title": PostFields.title, "content": PostFields.content, "status": PostStatus.schema, "tags": PostFields.tags,
    ])

    /// Reads a body already validated against `schema`.
    init(_ body: JSONValue) {
        title = body["title"]?.stringValue
        content = body["content"]?.stringValue
        status = body["status"]?.stringValue.flatMap(PostStatus.init(rawValue:))
        tags = body["tags"]?.arrayValue?.compactMap(\.stringValue)
    }

    /// A `PUT`: everything replaced, with the defaults of a new post.
    init(replacing input: PostCreate) {
        title = input.title
        content = input.content
        status = input.status ?? .draft
        tags = input.tags ?? []
    }
}

/// The partial update's schema, for the OpenAPI document.
struct PostUpdateBody: SchemaDescribed {
    static let schemaName = "PostUpdate"
    static let schema = PostUpdate.schema
}
