import Database
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import HTTP

/// An order as the API shows it; lists leave `items` out.
struct Order: Encodable, Sendable, SchemaDescribed {
    let id: Int
    let orderNumber: String
    let status: OrderStatus
    let totalAmount: Money
    let userId: Int
    let shippingAddress: String?
    let createdAt: Date
    let updatedAt: Date
    var items: [OrderItem]?

    enum CodingKeys: String, CodingKey { case id, orderNumber, status, totalAmount, userId, shippingAddress, createdAt, updatedAt, items }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(orderNumber, forKey: .orderNumber)
        try container.encode(status, forKey: .status)
        try container.encode(totalAmount, forKey: .totalAmount)
        try container.encode(userId, forKey: .userId)
        try container.encode(shippingAddress, forKey: .shippingAddress)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(updatedAt, forKey: .updatedAt)
        if let items { try container.encode(items, forKey: .items) }
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
struct OrderSummary: Encodable, SchemaDescribed {
    let order: Order

    func encode(to encoder: any Encoder) throws {
        var order = order
        order.items = nil
        try order.encode(to: encoder)
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
struct OrderItem: Codable, Sendable, SchemaDescribed {
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

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: OutputKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(productId, forKey: .productId)
        try container.encode(productName, forKey: .productName)
        try container.encode(quantity, forKey: .quantity)
        try container.encode(unitPrice, forKey: .unitPrice)
        try container.encode(totalPrice, forKey: .totalPrice)
    }

    private enum OutputKeys: String, CodingKey { case id, productId, productName, quantity, unitPrice, totalPrice }

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
