import Database
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import HTTP

/// Every SQL statement about orders. Creating one is a single transaction: the products
/// are locked (FOR UPDATE on PostgreSQL, in id order so two orders cannot deadlock; the
/// write lock taken up front on SQLite), every line checked, stock decremented, items
/// priced at that moment; any refusal rolls all of it back.
struct OrderRepository {
    let session: Session
    /// Where new order numbers come from (tests draw taken ones on purpose).
    var makeOrderNumber: (Date) -> String = OrderNumber.make(at:)

    static let columns = SQL.columns(OrderRow.columns)
    static let itemColumns = SQL.columns(["id", "product_id", "product_name", "quantity", "unit_price_cents", "total_price_cents"])

    private struct LockedProduct: RowDecodable {
        let id: Int
        let name: String
        let priceCents: Money
        let stockQuantity: Int
        let isActive: Bool

        static let columns: [StaticString] = ["id", "name", "price_cents", "stock_quantity", "is_active"]

        init(row: inout RowReader) throws {
            id = try row.next()
            name = try row.next()
            priceCents = try row.next()
            stockQuantity = try row.next()
            isActive = try row.next()
        }
    }

    func create(userID: Int, lines: [OrderCreate.Line], shippingAddress: String?, now: Date) throws -> Order {
        var wanted: [Int: Int] = [:]
        for line in lines { wanted[line.productId, default: 0] += line.quantity }
        let ids = wanted.keys.sorted()
        let locked = try session.fetchAll("""
            SELECT \(sql: SQL.columns(LockedProduct.columns)) FROM products
            WHERE id IN \(list: ids) ORDER BY id\(sql: .forUpdate)
            """, as: LockedProduct.self)
        let products = Dictionary(uniqueKeysWithValues: locked.map { ($0.id, $0) })
        for line in lines {
            guard let product = products[line.productId] else { throw HTTPError.badRequest("Product with id \(line.productId) not found") }
            guard product.isActive else { throw HTTPError.badRequest("Product '\(product.name)' is not available") }
            let requested = wanted[line.productId] ?? line.quantity
            guard product.stockQuantity >= requested else {
                throw HTTPError.badRequest("Insufficient stock for '\(product.name)'. Available: \(product.stockQuantity), Requested: \(requested)")
            }
        }
        for id in ids {
            let quantity = wanted[id]!
            // The guard in WHERE keeps stock from going negative even if a lock were missed.
            let changed = try session.execute("""
                UPDATE products SET stock_quantity = stock_quantity - \(quantity), updated_at = \(now)
                WHERE id = \(id) AND stock_quantity >= \(quantity)
                """)
            guard changed == 1 else { throw HTTPError.badRequest("Insufficient stock for '\(products[id]!.name)'") }
        }
        let total = lines.reduce(Money.zero) { $0 + products[$1.productId]!.priceCents * $1.quantity }
        // The rows come back from their INSERTs (RETURNING), as the database stored them:
        // no statements to read the new order again.
        let row = try insertOrder(userID: userID, total: total, shippingAddress: shippingAddress, now: now)
        let items = try lines.map { line in
            let product = products[line.productId]!
            guard let item = try session.fetchOne("""
                INSERT INTO order_items (order_id, product_id, product_name, quantity, unit_price_cents, total_price_cents)
                VALUES (\(row.id), \(product.id), \(product.name), \(line.quantity), \(product.priceCents), \(product.priceCents * line.quantity))
                RETURNING \(sql: Self.itemColumns)
                """, as: OrderItem.self) else { throw DatabaseError.misuse("the INSERT returned no row") }
            return item
        }
        return row.order(items: items)
    }

    /// Inserts the order row under a fresh order number, drawn again on the rare clash
    /// (ON CONFLICT DO NOTHING returns no row: no error, so no savepoint round trips).
    private func insertOrder(userID: Int, total: Money, shippingAddress: String?, now: Date) throws -> OrderRow {
        for _ in 1...5 {
            if let row = try session.fetchOne("""
                INSERT INTO orders (order_number, status, total_cents, user_id, shipping_address, created_at, updated_at)
                VALUES (\(makeOrderNumber(now)), \(OrderStatus.pending.rawValue), \(total), \(userID), \(shippingAddress), \(now), \(now))
                ON CONFLICT (order_number) DO NOTHING
                RETURNING \(sql: Self.columns)
                """, as: OrderRow.self) {
                return row
            }
        }
        throw HTTPError(.serviceUnavailable, "Could not draw a free order number; retry the request")
    }

    func find(id: Int, lock: Bool = false) throws -> Order? {
        guard let row = try session.fetchOne(
            "SELECT \(sql: Self.columns) FROM orders WHERE id = \(id)\(sql: lock ? .forUpdate : .empty)", as: OrderRow.self)
        else { return nil }
        let items = try session.fetchAll("""
            SELECT \(sql: Self.itemColumns) FROM order_items WHERE order_id = \(id) ORDER BY id
            """, as: OrderItem.self)
        return row.order(items: items)
    }

    func page(userID: Int, pagination: Pagination) throws -> Page<OrderSummary> {
        let total = try session.fetchScalar("SELECT COUNT(*) FROM orders WHERE user_id = \(userID)", as: Int.self) ?? 0
        let rows = try session.fetchAll("""
            SELECT \(sql: Self.columns) FROM orders WHERE user_id = \(userID)
            ORDER BY created_at DESC, id DESC LIMIT \(pagination.pageSize) OFFSET \(pagination.offset)
            """, as: OrderRow.self)
        return Page(items: rows.map { OrderSummary(order: $0.order(items: nil)) }, total: total, pagination: pagination)
    }

    /// Moves `order` to `status`; cancelling puts every item back in stock, in the same transaction.
    func transition(_ order: Order, to status: OrderStatus, now: Date) throws {
        guard order.status.canBecome(status) else {
            throw HTTPError.badRequest("Cannot transition from \(order.status.rawValue) to \(status.rawValue)")
        }
        if status == .cancelled {
            for item in (order.items ?? []).sorted(by: { $0.productId < $1.productId }) {
                try session.execute("""
                    UPDATE products SET stock_quantity = stock_quantity + \(item.quantity), updated_at = \(now) WHERE id = \(item.productId)
                    """)
            }
        }
        try session.execute("UPDATE orders SET status = \(status.rawValue), updated_at = \(now) WHERE id = \(order.id)")
    }

    /// Orders and money taken, per status (every status named, with 0 when none).
    func statistics() throws -> (counts: [OrderStatus: Int], totals: [OrderStatus: Money]) {
        let rows = try session.fetchAll(
            "SELECT status, COUNT(*), COALESCE(SUM(total_cents), 0) FROM orders GROUP BY status", as: (String, Int, Money).self)
        var counts = Dictionary(uniqueKeysWithValues: OrderStatus.allCases.map { ($0, 0) })
        var totals: [OrderStatus: Money] = [:]
        for (name, count, sum) in rows {
            guard let status = OrderStatus(rawValue: name) else { continue }
            counts[status] = count
            totals[status] = sum
        }
        return (counts, totals)
    }
}
