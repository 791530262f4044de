import HTTP

/// `POST /posts/{id}/view`: the count after this view.
struct ViewCount: Encodable, SchemaDescribed {
    let viewCount: Int
    static let schema = JSONSchema.object(["view_count": .integer(minimum: 1)], required: ["view_count"])
}
