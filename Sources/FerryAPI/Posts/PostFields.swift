import HTTP

/// The rules of API.md for each post field, shared by create, replace and update.
enum PostFields {
    static let title = JSONSchema.string(minLength: 1, maxLength: 200)
    static let content = JSONSchema.string(minLength: 1, maxLength: 100_000)
    static let status = PostStatus.schema.defaulting(to: "draft")
    static let tags = JSONSchema.array(TagFields.name, maxItems: 50)
        .described("Tag names; unknown names are created, names differing only in case are one tag")
}

enum TagFields {
    static let name = JSONSchema.string(minLength: 1, maxLength: 50)
}
