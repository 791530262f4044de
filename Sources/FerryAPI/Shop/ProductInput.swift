import Database
import HTTP

/// The fields of `ProductCreate` and (all optional) of a product `PATCH`.
enum ProductFields {
    static let name = JSONSchema.string(minLength: 1, maxLength: 200)
    static let description = JSONSchema.string(maxLength: 5000).orNull
    static let price = MoneyField.schema().described("More than 0 and at most 99999999.99, as a number or a string")
    static let sku = JSONSchema.string(minLength: 1, maxLength: 50, pattern: "^[A-Za-z0-9-]+$").described("Stored in uppercase")
    static let stockQuantity = JSONSchema.integer(minimum: 0, maximum: 2_147_483_647)
    static let categoryID = JSONSchema.integer(minimum: 1).orNull
    static let isActive = JSONSchema.boolean

    static let create = JSONSchema.object([
        "name": name, "description": description, "price": price, "sku": sku,
        "stock_quantity": stockQuantity.defaulting(to: 0), "category_id": categoryID, "is_active": isActive.defaulting(to: true),
    ], required: ["name", "price", "sku"])

    static let update = JSONSchema.object([
        "name": name, "description": description, "price": price, "sku": sku,
        "stock_quantity": stockQuantity, "category_id": categoryID, "is_active": isActive,
    ])
}

/// A product to create, read from a body validated against `ProductFields.create`.
struct ProductInput {
    let name: String
    let description: String?
    let price: Money
    let sku: String
    let stockQuantity: Int
    let categoryID: Int?
    let isActive: Bool

    init(_ body: JSONValue) {
        name = body["name"]?.stringValue ?? ""
        description = body["description"]?.stringValue
        price = body["price"].flatMap(MoneyField.parse) ?? .zero
        sku = (body["sku"]?.stringValue ?? "").uppercased()
        stockQuantity = body["stock_quantity"]?.intValue ?? 0
        categoryID = body["category_id"]?.intValue
        isActive = body["is_active"]?.boolValue ?? true
    }
}

struct ProductCreateBody: SchemaDescribed {
    static let schemaName = "ProductCreate"
    static let schema = ProductFields.create
}

struct ProductUpdateBody: SchemaDescribed {
    static let schemaName = "ProductUpdate"
    static let schema = ProductFields.update
}
