import Database
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import HTTP

/// An order as the API shows it; lists leave `items` out.
struct Order: JSONObjectEncodable, Sendable, SchemaDescribed {
    let id: Int
    let orderNumber: String
    let status: OrderStatus
    let totalAmount: Money
    let userId: Int
    let shippingAddress: String?
    let createdAt: Date
    let updatedAt: Date
    var items: [OrderItem]?

    func encodeMembers(to object: inout JSONObjectMembers) throws {
        try object.encode(id, forKey: "id")
        try object.encode(orderNumber, forKey: "order_number")
        try object.encode(status.rawValue, forKey: "status")  // what the enum's Encodable writes, without its encoder
        try object.encode(totalAmount, forKey: "total_amount")
        try object.encode(userId, forKey: "user_id")
        try object.encode(shippingAddress, forKey: "shipping_address")
        try object.encode(createdAt, forKey: "created_at")
        try object.encode(updatedAt, forKey: "updated_at")
        try object.encodeIfPresent(items, forKey: "items")
    }

    static let summarySchema = JSONSchema.object([
        "id": .integer(minimum: 1), "order_number": .string(pattern: "^ORD-[0-9]{14}-[A-Z0-9]{6}$"),
        "status": .string(enum: OrderStatus.allCases.map(\.rawValue)), "total_amount": Product.money,
        "user_id": .integer(minimum: 1), "shipping_address": JSONSchema.string().orNull,
        "created_at": .string(format: "date-time"), "updated_at": .string(format: "date-time"),
    ], required: ["id", "order_number", "status", "total_amount", "user_id", "shipping_address", "created_at", "updated_at"])

    static var schema: JSONSchema {
        var schema = summarySchema
        schema.properties.append(("items", .array(.ref(OrderItem.self))))
        schema.required.append("items")
        return schema
    }
}

/// An order in a list: everything but its items.
struct OrderSummary: JSONObjectEncodable, SchemaDescribed {
    let order: Order

    func encodeMembers(to object: inout JSONObjectMembers) throws {
        var order = order
        order.items = nil
        try order.encodeMembers(to: &object)
    }

    static let schema = Order.summarySchema
}

/// An order row as read from the database.
struct OrderRow {
    let id: Int
    let orderNumber: String
    let status: OrderStatus
    let totalCents: Money
    let userId: Int
    let shippingAddress: String?
    let createdAt: Date
    let updatedAt: Date

    func order(items: [OrderItem]?) -> Order {
        Order(id: id, orderNumber: orderNumber, status: status, totalAmount: totalCents, userId: userId,
              shippingAddress: shippingAddress, createdAt: createdAt, updatedAt: updatedAt, items: items)
    }
}

/// Read by position (`OrderRepository.columns` derives from `columns`).
extension OrderRow: RowDecodable {
    static let columns: [StaticString] = [
        "id", "order_number", "status", "total_cents", "user_id", "shipping_address", "created_at", "updated_at",
    ]

    init(row: inout RowReader) throws {
        self.init(
            id: try row.next(), orderNumber: try row.next(), status: try row.next(), totalCents: try row.next(),
            userId: try row.next(), shippingAddress: try row.next(), createdAt: try row.next(), updatedAt: try row.next())
    }
}

/// One line of an order, priced when the order was made.
struct OrderItem: Codable, JSONObjectEncodable, Sendable, SchemaDescribed {
    let id: Int
    let productId: Int
    let productName: String
    let quantity: Int
    let unitPrice: Money
    let totalPrice: Money

    enum CodingKeys: String, CodingKey {
        case id, productId, productName, quantity
        case unitPrice = "unitPriceCents", totalPrice = "totalPriceCents"
    }

    /// Written as `unit_price` and `total_price`, though decoded from the `_cents` columns.
    func encodeMembers(to object: inout JSONObjectMembers) throws {
        try object.encode(id, forKey: "id")
        try object.encode(productId, forKey: "product_id")
        try object.encode(productName, forKey: "product_name")
        try object.encode(quantity, forKey: "quantity")
        try object.encode(unitPrice, forKey: "unit_price")
        try object.encode(totalPrice, forKey: "total_price")
    }

    static let schema = JSONSchema.object([
        "id": .integer(minimum: 1), "product_id": .integer(minimum: 1), "product_name": .string(),
        "quantity": .integer(minimum: 1), "unit_price": Product.money, "total_price": Product.money,
    ], required: ["id", "product_id", "product_name", "quantity", "unit_price", "total_price"])
}

/// The body of `POST /orders`.
struct OrderCreate: Decodable, SchemaDescribed {
    struct Line: Decodable {
        let productId: Int
        let quantity: Int
    }

    let items: [Line]
    let shippingAddress: String?
    let userId: Int?

    static let schema = JSONSchema.object([
        "items": .array(.object(["product_id": .integer(minimum: 1), "quantity": .integer(minimum: 1, maximum: 1_000_000)],
                                required: ["product_id", "quantity"]), minItems: 1, maxItems: 100),
        "shipping_address": JSONSchema.string(maxLength: 500).orNull,
        "user_id": JSONSchema.integer(minimum: 1).orNull.described("Order for another user: superusers only"),
    ], required: ["items"])
}
