import Database
import HTTP

/// `PATCH /orders/{id}/status`.
struct StatusChange: Encodable, SchemaDescribed {
    let orderId: Int
    let newStatus: OrderStatus

    static let schema = JSONSchema.object([
        "order_id": .integer(minimum: 1), "new_status": .string(enum: OrderStatus.allCases.map(\.rawValue)),
    ], required: ["order_id", "new_status"])
}

/// `GET /orders/stats/summary`: revenue over orders not cancelled.
struct OrderStatistics: Encodable, SchemaDescribed {
    let totalOrders: Int
    let totalRevenue: Money
    let ordersByStatus: [String: Int]

    static let schema = JSONSchema.object([
        "total_orders": .integer(minimum: 0), "total_revenue": Product.money,
        "orders_by_status": JSONSchema.object(
            properties: OrderStatus.allCases.map { ($0.rawValue, JSONSchema.integer(minimum: 0)) },
            required: OrderStatus.allCases.map(\.rawValue)),
    ], required: ["total_orders", "total_revenue", "orders_by_status"])
}
