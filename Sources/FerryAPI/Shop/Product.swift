import Database
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import HTTP

/// A product as the API shows it, with its category inlined.
struct Product: JSONObjectEncodable, Sendable, SchemaDescribed {
    let id: Int
    let name: String
    let slug: String
    let description: String?
    let price: Money
    let stockQuantity: Int
    let sku: String
    let isActive: Bool
    let categoryId: Int?
    let category: CategoryReference?
    let createdAt: Date
    let updatedAt: Date

    /// `{id, name, slug}` of the product's category.
    struct CategoryReference: JSONObjectEncodable, Sendable {
        let id: Int
        let name: String
        let slug: String

        func encodeMembers(to object: inout JSONObjectMembers) throws {
            try object.encode(id, forKey: "id")
            try object.encode(name, forKey: "name")
            try object.encode(slug, forKey: "slug")
        }
    }

    func encodeMembers(to object: inout JSONObjectMembers) throws {
        try object.encode(id, forKey: "id")
        try object.encode(name, forKey: "name")
        try object.encode(slug, forKey: "slug")
        try object.encode(description, forKey: "description")
        try object.encode(price, forKey: "price")
        try object.encode(stockQuantity, forKey: "stock_quantity")
        try object.encode(sku, forKey: "sku")
        try object.encode(isActive, forKey: "is_active")
        try object.encode(categoryId, forKey: "category_id")
        try object.encode(category, forKey: "category")
        try object.encode(createdAt, forKey: "created_at")
        try object.encode(updatedAt, forKey: "updated_at")
    }

    static let money = JSONSchema.string(pattern: "^-?[0-9]+\\.[0-9]{2}$").described("An exact amount with two fraction digits")

    static let schema = JSONSchema.object([
        "id": .integer(minimum: 1), "name": .string(), "slug": .string(), "description": JSONSchema.string().orNull,
        "price": money, "stock_quantity": .integer(minimum: 0), "sku": .string(), "is_active": .boolean,
        "category_id": JSONSchema.integer(minimum: 1).orNull,
        "category": JSONSchema.object(["id": .integer(), "name": .string(), "slug": .string()], required: ["id", "name", "slug"]).orNull,
        "created_at": .string(format: "date-time"), "updated_at": .string(format: "date-time"),
    ], required: ["id", "name", "slug", "description", "price", "stock_quantity", "sku", "is_active", "category_id", "category",
                  "created_at", "updated_at"])
}

/// A product row joined with its category's name and slug, as the repository reads it.
struct ProductRow {
    let id: Int
    let name: String
    let slug: String
    let description: String?
    let priceCents: Money
    let stockQuantity: Int
    let sku: String
    let isActive: Bool
    let categoryId: Int?
    let createdAt: Date
    let updatedAt: Date
    let categoryName: String?
    let categorySlug: String?

    var product: Product {
        Product(
            id: id, name: name, slug: slug, description: description, price: priceCents, stockQuantity: stockQuantity,
            sku: sku, isActive: isActive, categoryId: categoryId,
            category: categoryId.flatMap { categoryID in
                categoryName.map { Product.CategoryReference(id: categoryID, name: $0, slug: categorySlug ?? "") }
            },
            createdAt: createdAt, updatedAt: updatedAt)
    }
}

/// Read by position (`ProductRepository.select` lists these columns in this order).
extension ProductRow: RowDecodable {
    static let columns: [StaticString] = [
        "id", "name", "slug", "description", "price_cents", "stock_quantity", "sku", "is_active", "category_id", "created_at",
        "updated_at", "category_name", "category_slug",
    ]

    init(row: inout RowReader) throws {
        self.init(
            id: try row.next(), name: try row.next(), slug: try row.next(), description: try row.next(),
            priceCents: try row.next(), stockQuantity: try row.next(), sku: try row.next(), isActive: try row.next(),
            categoryId: try row.next(), createdAt: try row.next(), updatedAt: try row.next(), categoryName: try row.next(),
            categorySlug: try row.next())
    }
}
