import HTTP

/// The body of `POST /tags`.
struct TagCreate: Decodable, SchemaDescribed {
    let name: String

    static let schema = JSONSchema.object(["name": TagFields.name], required: ["name"])
}
