#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import HTTP

/// A product category; categories form a tree through `parent_id`.
struct Category: Codable, JSONObjectEncodable, Sendable, SchemaDescribed {
    let id: Int
    let name: String
    let slug: String
    let description: String?
    let parentId: Int?
    let createdAt: Date

    enum CodingKeys: String, CodingKey { case id, name, slug, description, parentId, createdAt }

    func encodeMembers(to object: inout JSONObjectMembers) throws {
        try object.encode(id, forKey: "id")
        try object.encode(name, forKey: "name")
        try object.encode(slug, forKey: "slug")
        try object.encode(description, forKey: "description")
        try object.encode(parentId, forKey: "parent_id")
        try object.encode(createdAt, forKey: "created_at")
    }

    static let schema = JSONSchema.object([
        "id": .integer(minimum: 1), "name": .string(), "slug": .string(), "description": JSONSchema.string().orNull,
        "parent_id": JSONSchema.integer(minimum: 1).orNull, "created_at": .string(format: "date-time"),
    ], required: ["id", "name", "slug", "description", "parent_id", "created_at"])
}

/// `GET /categories/{id}`: the category, its children and how many active products it has.
struct CategoryDetail: JSONObjectEncodable, SchemaDescribed {
    let category: Category
    let children: [Category]
    let productCount: Int

    func encodeMembers(to object: inout JSONObjectMembers) throws {
        try category.encodeMembers(to: &object)
        try object.encode(children, forKey: "children")
        try object.encode(productCount, forKey: "product_count")
    }

    static var schema: JSONSchema {
        var schema = Category.schema
        schema.properties += [("children", .array(.ref(Category.self))), ("product_count", .integer(minimum: 0))]
        schema.required += ["children", "product_count"]
        return schema
    }
}

/// The fields a category is created or changed with.
enum CategoryFields {
    static let name = JSONSchema.string(minLength: 1, maxLength: 100)
    static let slug = JSONSchema.string(minLength: 1, maxLength: 120, pattern: "^[a-z0-9]+(-[a-z0-9]+)*$")
        .described("Lowercase letters and digits in words joined by '-'; derived from the name when omitted")
    static let description = JSONSchema.string(maxLength: 2000).orNull
    static let parentID = JSONSchema.integer(minimum: 1).orNull

    static let create = JSONSchema.object(
        ["name": name, "slug": slug, "description": description, "parent_id": parentID], required: ["name"])
    static let update = JSONSchema.object(["name": name, "slug": slug, "description": description, "parent_id": parentID])
}

struct CategoryCreateBody: SchemaDescribed {
    static let schemaName = "CategoryCreate"
    static let schema = CategoryFields.create
}

struct CategoryUpdateBody: SchemaDescribed {
    static let schemaName = "CategoryUpdate"
    static let schema = CategoryFields.update
}
