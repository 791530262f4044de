import Database
import HTTP

/// One entry of `POST /products/bulk`: the product made, or why not.
struct BulkProductResult: JSONObjectEncodable, SchemaDescribed {
    let index: Int
    let status: Int
    let product: Product?
    let detail: JSONValue?

    func encodeMembers(to object: inout JSONObjectMembers) throws {
        try object.encode(index, forKey: "index")
        try object.encode(status, forKey: "status")
        try object.encodeIfPresent(product, forKey: "product")
        try object.encodeIfPresent(detail, forKey: "detail")
    }

    static let schema = JSONSchema.object([
        "index": .integer(minimum: 0), "status": .integer(),
        "product": .ref(Product.self),
        "detail": JSONSchema.anyOf([.string(), .array(.ref(ValidationIssueBody.self))],
                                   description: "Why the item was refused: a message, or the failing fields (422)"),
    ], required: ["index", "status"])
}

/// The `ValidationIssue` component, for schemas that embed one.
struct ValidationIssueBody: SchemaDescribed {
    static let schemaName = "ValidationIssue"
    static let schema = JSONSchema.object([
        "loc": .array(.anyOf([.string(), .integer()])), "msg": .string(), "type": .string(),
    ], required: ["loc", "msg", "type"])
}

/// One row of `GET /products/by-category-stats`.
struct CategoryStats: Encodable, SchemaDescribed {
    let category: String
    let productCount: Int
    let avgPrice: Money
    let minPrice: Money
    let maxPrice: Money

    static let schema = JSONSchema.object([
        "category": .string(), "product_count": .integer(minimum: 1),
        "avg_price": Product.money.described("The average, rounded half up to cents"),
        "min_price": Product.money, "max_price": Product.money,
    ], required: ["category", "product_count", "avg_price", "min_price", "max_price"])

    /// `sum / count` cents rounded half up, exactly (prices are never negative).
    static func average(sum: Int64, count: Int) -> Money {
        Money(cents: (2 * sum + Int64(count)) / (2 * Int64(count)))
    }
}
