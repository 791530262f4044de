import HTTP

/// `GET /posts/{id}`: the post plus its comments, oldest first.
struct PostDetail: Encodable, SchemaDescribed {
    let post: Post
    let comments: [Comment]

    func encode(to encoder: any Encoder) throws {
        try post.encode(to: encoder)
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(comments, forKey: .comments)
    }

    private enum Key: String, CodingKey { case comments }

    static var schema: JSONSchema {
        var schema = Post.schema
        schema.properties.append(("comments", .array(.ref(Comment.self))))
        schema.required.append("comments")
        return schema
    }
}
