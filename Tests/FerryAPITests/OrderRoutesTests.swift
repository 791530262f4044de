import Database
import FerryTesting
import HTTP
import Testing

/// A small shop on a fresh database: a superuser, a buyer and products by name.
final class ShopFixture {
    let app: FerryTestApp
    let admin: FerryTestApp.Account
    let buyer: FerryTestApp.Account
    private(set) var products: [String: Int] = [:]

    init(_ backend: DatabaseBackend) throws {
        app = try FerryTestApp(backend)
        admin = try app.account("admin", superuser: true)
        buyer = try app.account("buyer")
    }

    @discardableResult
    func product(_ name: String, price: String, stock: Int, active: Bool = true) -> Int {
        let response = app.client.post("/products", json: [
            "name": .string(name), "price": .string(price), "sku": .string("SKU-\(name)"), "stock_quantity": .number(String(stock)),
            "is_active": .bool(active),
        ], headers: admin.auth)
        let id = response.json["id"]?.intValue ?? 0
        products[name] = id
        return id
    }

    func order(_ lines: [(String, Int)], as account: FerryTestApp.Account? = nil, extra: [String: JSONValue] = [:]) -> TestResponse {
        var body = extra
        body["items"] = .array(lines.map { ["product_id": .number(String(products[$0.0] ?? 999)), "quantity": .number(String($0.1))] })
        return app.client.post("/orders", json: .object(body), headers: (account ?? buyer).auth)
    }

    func stock(_ name: String) -> Int? {
        app.client.get("/products/\(products[name] ?? 0)?is_active=false").json["stock_quantity"]?.intValue
    }
}

@Suite struct OrderRoutesTests {
    @Test(arguments: DatabaseBackend.allCases)
    func anOrderIsPricedExactlyAndTakesTheStock(_ backend: DatabaseBackend) throws {
        let shop = try ShopFixture(backend)
        shop.product("Dime", price: "0.10", stock: 5)
        shop.product("Widget", price: "79.99", stock: 2)
        let response = shop.order([("Dime", 3), ("Widget", 2)], extra: ["shipping_address": "1 Main St"])
        #expect(response.status == 201)
        let order = response.json
        #expect(order["status"] == "pending" && order["total_amount"] == "160.28" && order["shipping_address"] == "1 Main St")
        #expect(order["user_id"] == .number(String(shop.buyer.id)))
        #expect(order["order_number"]?.stringValue?.wholeMatch(of: /ORD-\d{14}-[A-Z0-9]{6}/) != nil)
        #expect(order["items"]?[0] == ["id": order["items"]?[0]?["id"] ?? .null, "product_id": .number(String(shop.products["Dime"]!)),
                                       "product_name": "Dime", "quantity": 3, "unit_price": "0.10", "total_price": "0.30"])
        #expect(shop.stock("Dime") == 2 && shop.stock("Widget") == 0)
        // The item keeps the price it was sold at.
        _ = shop.app.client.send(.patch, "/products/\(shop.products["Dime"]!)", json: ["price": "9.99"], headers: shop.admin.auth)
        let again = shop.app.client.get("/orders/\(order["id"]!.intValue!)", headers: shop.buyer.auth).json
        #expect(again["items"]?[0]?["unit_price"] == "0.10" && again["total_amount"] == "160.28")
    }

    @Test(arguments: DatabaseBackend.allCases)
    func aRefusedOrderChangesNothing(_ backend: DatabaseBackend) throws {
        let shop = try ShopFixture(backend)
        shop.product("Plenty", price: "1.00", stock: 10)
        shop.product("Scarce", price: "1.00", stock: 1)
        shop.product("Retired", price: "1.00", stock: 10, active: false)
        let short = shop.order([("Plenty", 2), ("Scarce", 2)])
        #expect(short.status == 400 && short.detail == "Insufficient stock for 'Scarce'. Available: 1, Requested: 2")
        let twice = shop.order([("Scarce", 1), ("Scarce", 1)])
        #expect(twice.status == 400 && twice.detail == "Insufficient stock for 'Scarce'. Available: 1, Requested: 2")
        let inactive = shop.order([("Plenty", 1), ("Retired", 1)])
        #expect(inactive.status == 400 && inactive.detail == "Product 'Retired' is not available")
        let missing = shop.order([("Plenty", 1), ("Nothing", 1)])
        #expect(missing.status == 400 && missing.detail == "Product with id 999 not found")
        #expect(shop.stock("Plenty") == 10 && shop.stock("Scarce") == 1)
        #expect(shop.app.client.get("/orders/user/\(shop.buyer.id)", headers: shop.buyer.auth).json["total"] == 0)
        let invalid = shop.app.client.post("/orders", json: ["items": [["product_id": 1, "quantity": 0]]], headers: shop.buyer.auth)
        #expect(invalid.status == 422 && invalid.detail?[0]?["loc"] == ["body", "items", 0, "quantity"])
        #expect(shop.app.client.post("/orders", json: ["items": []], headers: shop.buyer.auth).status == 422)
        #expect(shop.app.client.post("/orders", json: ["items": [["product_id": 1, "quantity": 1]]]).status == 401)
    }

    @Test(arguments: DatabaseBackend.allCases)
    func onlySuperusersOrderForOthersAndOnlyOwnersSeeOrders(_ backend: DatabaseBackend) throws {
        let shop = try ShopFixture(backend)
        shop.product("Thing", price: "2.00", stock: 10)
        let other = try shop.app.account("other")
        #expect(shop.order([("Thing", 1)], extra: ["user_id": .number(String(other.id))]).status == 403)
        let forOther = shop.order([("Thing", 1)], as: shop.admin, extra: ["user_id": .number(String(other.id))])
        #expect(forOther.status == 201 && forOther.json["user_id"] == .number(String(other.id)))
        #expect(shop.order([("Thing", 1)], as: shop.admin, extra: ["user_id": 9999]).status == 404)
        let id = forOther.json["id"]!.intValue!
        #expect(shop.app.client.get("/orders/\(id)", headers: other.auth).status == 200)
        #expect(shop.app.client.get("/orders/\(id)", headers: shop.buyer.auth).status == 403)
        #expect(shop.app.client.get("/orders/\(id)", headers: shop.admin.auth).status == 200)
        #expect(shop.app.client.get("/orders/9999", headers: shop.admin.auth).status == 404)
        let page = shop.app.client.get("/orders/user/\(other.id)", headers: other.auth).json
        #expect(page["total"] == 1 && page["items"]?[0]?["items"] == nil && page["items"]?[0]?["total_amount"] == "2.00")
        #expect(shop.app.client.get("/orders/user/\(other.id)", headers: shop.buyer.auth).status == 403)
    }

    @Test(arguments: DatabaseBackend.allCases)
    func statusFollowsTheStateMachineAndCancellingRestoresStock(_ backend: DatabaseBackend) throws {
        let shop = try ShopFixture(backend)
        shop.product("Thing", price: "2.00", stock: 10)
        let first = shop.order([("Thing", 3)]).json["id"]!.intValue!
        let status = { (id: Int, to: String, who: FerryTestApp.Account) in
            shop.app.client.request(.patch, "/orders/\(id)/status?new_status=\(to)", headers: who.auth)
        }
        #expect(status(first, "confirmed", shop.buyer).status == 403)
        #expect(status(first, "confirmed", shop.admin).json == ["order_id": .number(String(first)), "new_status": "confirmed"])
        #expect(status(first, "shipped", shop.admin).status == 200)
        let late = status(first, "cancelled", shop.buyer)
        #expect(late.status == 400 && late.detail == "Cannot transition from shipped to cancelled")
        #expect(status(first, "delivered", shop.admin).status == 200)
        #expect(status(first, "pending", shop.admin).detail == "Cannot transition from delivered to pending")
        #expect(status(first, "lost", shop.admin).status == 422)
        #expect(shop.stock("Thing") == 7)

        let second = shop.order([("Thing", 4)]).json["id"]!.intValue!
        #expect(shop.stock("Thing") == 3)
        #expect(status(second, "cancelled", shop.buyer).status == 200)
        #expect(shop.stock("Thing") == 7, "cancelling put the 4 back")
        #expect(status(second, "cancelled", shop.admin).status == 400)
    }

    @Test(arguments: DatabaseBackend.allCases)
    func statisticsAndTopSpendersLeaveCancelledOrdersOut(_ backend: DatabaseBackend) throws {
        let shop = try ShopFixture(backend)
        shop.product("Thing", price: "0.10", stock: 100)
        let big = try shop.app.account("big_spender")
        _ = shop.order([("Thing", 30)], as: big)
        _ = shop.order([("Thing", 1)])
        _ = shop.order([("Thing", 2)])
        let cancelled = shop.order([("Thing", 50)]).json["id"]!.intValue!
        _ = shop.app.client.request(.patch, "/orders/\(cancelled)/status?new_status=cancelled", headers: shop.buyer.auth)
        let stats = shop.app.client.get("/orders/stats/summary", headers: shop.admin.auth).json
        #expect(stats["total_orders"] == 4 && stats["total_revenue"] == "3.30")
        #expect(stats["orders_by_status"] == ["pending": 3, "confirmed": 0, "shipped": 0, "delivered": 0, "cancelled": 1])
        #expect(shop.app.client.get("/orders/stats/summary", headers: shop.buyer.auth).status == 403)
        let top = shop.app.client.get("/users/top-spenders?limit=10", headers: shop.admin.auth).json
        #expect(top == [["username": "big_spender", "email": "big_spender@example.com", "order_count": 1, "total_spent": "3.00"],
                        ["username": "buyer", "email": "buyer@example.com", "order_count": 2, "total_spent": "0.30"]])
        #expect(shop.app.client.get("/users/top-spenders?limit=1", headers: shop.admin.auth).json.arrayValue?.count == 1)
    }

    @Test(arguments: DatabaseBackend.allCases)
    func deletingAUserDeletesTheirOrders(_ backend: DatabaseBackend) throws {
        let shop = try ShopFixture(backend)
        let id = shop.product("Thing", price: "1.00", stock: 5)
        let order = shop.order([("Thing", 1)]).json["id"]!.intValue!
        #expect(shop.app.client.delete("/users/\(shop.buyer.id)", headers: shop.admin.auth).status == 204)
        #expect(shop.app.client.get("/orders/\(order)", headers: shop.admin.auth).status == 404)
        #expect(shop.app.client.delete("/products/\(id)", headers: shop.admin.auth).status == 204, "no order item refers to it now")
    }
}
