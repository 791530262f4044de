import HTTP

/// `GET /posts/{id}`: the post plus its comments, oldest first.
struct PostDetail: JSONObjectEncodable, SchemaDescribed {
    let post: Post
    let comments: [Comment]

    func encodeMembers(to object: inout JSONObjectMembers) throws {
        try post.encodeMembers(to: &object)
        try object.encode(comments, forKey: "comments")
    }

    static var schema: JSONSchema {
        var schema = Post.schema
        schema.properties.append(("comments", .array(.ref(Comment.self))))
        schema.required.append("comments")
        return schema
    }
}
