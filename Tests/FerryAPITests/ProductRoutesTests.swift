import Database
import FerryTesting
import HTTP
import Testing

@Suite struct ProductRoutesTests {
    static func product(_ name: String, _ price: JSONValue, sku: String, stock: Int = 10, category: JSONValue = .null) -> JSONValue {
        ["name": .string(name), "price": price, "sku": .string(sku), "stock_quantity": .number(String(stock)), "category_id": category]
    }

    @Test(arguments: DatabaseBackend.allCases)
    func createStoresExactMoneyAndAnUppercaseSKU(_ backend: DatabaseBackend) throws {
        let app = try FerryTestApp(backend)
        let admin = try app.account("admin", superuser: true)
        let created = app.client.post("/products", json: Self.product("Röst Kaffee", "79.99", sku: "abc-123"), headers: admin.auth)
        #expect(created.status == 201)
        #expect(created.json["price"] == "79.99" && created.json["sku"] == "ABC-123" && created.json["slug"] == "rost-kaffee")
        #expect(created.json["category"] == .null && created.json["stock_quantity"] == 10 && created.json["is_active"] == true)
        let number = app.client.post("/products", json: Self.product("Half", 19.5, sku: "H-1"), headers: admin.auth)
        #expect(number.json["price"] == "19.50")
        let id = created.json["id"]?.intValue ?? 0
        #expect(app.client.get("/products/\(id)").json["price"] == "79.99")
        #expect(app.client.get("/products/999").status == 404)
    }

    static let badPrices: [(JSONValue, String)] = [
        (.number("1.234"), "decimal_max_places"), ("9.999", "decimal_max_places"), ("abc", "decimal_parsing"), (true, "float_type"),
        (0, "greater_than"), ("-1", "greater_than"), (.number("100000000"), "less_than_equal"), ("99999999.999", "decimal_max_places"),
    ]

    @Test(arguments: badPrices)
    func badPricesAre422(_ price: JSONValue, _ type: String) throws {
        let app = try FerryTestApp(.sqlite)
        let admin = try app.account("admin", superuser: true)
        let response = app.client.post("/products", json: Self.product("P", price, sku: "P-1"), headers: admin.auth)
        #expect(response.status == 422)
        #expect(response.detail?[0]?["loc"] == ["body", "price"])
        #expect(response.detail?[0]?["type"] == .string(type), "\(price): \(response.detail ?? .null)")
        #expect(app.client.get("/products").json["total"] == 0)
    }

    @Test(arguments: DatabaseBackend.allCases)
    func conflictsAndMissingCategories(_ backend: DatabaseBackend) throws {
        let app = try FerryTestApp(backend)
        let admin = try app.account("admin", superuser: true)
        let user = try app.account("user")
        let category = app.client.post("/categories", json: ["name": "Tools"], headers: admin.auth).json["id"] ?? .null
        #expect(app.client.post("/products", json: Self.product("Hammer", 10, sku: "HAM-1", category: category), headers: admin.auth).status == 201)
        let sku = app.client.post("/products", json: Self.product("Other", 10, sku: "ham-1"), headers: admin.auth)
        #expect(sku.status == 409 && sku.detail == "Product with SKU HAM-1 already exists")
        let sameName = app.client.post("/products", json: Self.product("Hammer", 10, sku: "HAM-2", category: category), headers: admin.auth)
        #expect(sameName.status == 409)
        let elsewhere = app.client.post("/products", json: Self.product("Hammer", 10, sku: "HAM-3"), headers: admin.auth)
        #expect(elsewhere.status == 201 && elsewhere.json["slug"] == "hammer-2")
        #expect(app.client.post("/products", json: Self.product("Hammer", 10, sku: "HAM-4"), headers: admin.auth).status == 409)
        let missing = app.client.post("/products", json: Self.product("Saw", 10, sku: "SAW-1", category: 999), headers: admin.auth)
        #expect(missing.status == 400 && missing.detail == "Category with id 999 not found")
        #expect(app.client.post("/products", json: Self.product("Saw", 10, sku: "SAW-1"), headers: user.auth).status == 403)
        let badSKU = app.client.post("/products", json: Self.product("Saw", 10, sku: "no spaces"), headers: admin.auth)
        #expect(badSKU.status == 422 && badSKU.detail?[0]?["loc"] == ["body", "sku"])
    }

    @Test(arguments: DatabaseBackend.allCases)
    func listFiltersLowStockAndStatistics(_ backend: DatabaseBackend) throws {
        let app = try FerryTestApp(backend)
        let admin = try app.account("admin", superuser: true)
        let tools = app.client.post("/categories", json: ["name": "Tools"], headers: admin.auth).json["id"] ?? .null
        let toys = app.client.post("/categories", json: ["name": "Toys"], headers: admin.auth).json["id"] ?? .null
        _ = app.client.post("/products", json: Self.product("Penny", "0.01", sku: "A1", stock: 3, category: tools), headers: admin.auth)
        _ = app.client.post("/products", json: Self.product("Tuppence", "0.02", sku: "A2", stock: 50, category: tools), headers: admin.auth)
        _ = app.client.post("/products", json: Self.product("Yoyo", "5.00", sku: "B1", stock: 1, category: toys), headers: admin.auth)
        let retired = app.client.post("/products", json: Self.product("Retired", "9.99", sku: "B2", stock: 0, category: toys), headers: admin.auth)
        _ = app.client.send(.patch, "/products/\(retired.json["id"]!.intValue!)", json: ["is_active": false], headers: admin.auth)

        let names = { (query: String) in app.client.get("/products\(query)").json["items"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? [] }
        #expect(names("") == ["Yoyo", "Tuppence", "Penny"])
        #expect(names("?category_id=\(tools.intValue!)") == ["Tuppence", "Penny"])
        #expect(names("?min_price=0.02&max_price=5") == ["Yoyo", "Tuppence"])
        #expect(names("?search=PENNY") == ["Penny"])
        #expect(names("?is_active=false") == ["Retired"])
        #expect(app.client.get("/products?min_price=0.001").status == 422)

        let low = app.client.get("/products/low-stock?threshold=3", headers: admin.auth).json
        #expect(low.arrayValue?.compactMap { $0["name"]?.stringValue } == ["Yoyo", "Penny"])
        #expect(app.client.get("/products/low-stock").status == 401)

        let stats = app.client.get("/products/by-category-stats").json.arrayValue ?? []
        #expect(stats.count == 2)
        // Tools: 0.01 and 0.02 average 0.015, rounded half up to 0.02; most products first.
        #expect(stats.first == ["category": "Tools", "product_count": 2, "avg_price": "0.02", "min_price": "0.01", "max_price": "0.02"])
        #expect(stats.last == ["category": "Toys", "product_count": 1, "avg_price": "5.00", "min_price": "5.00", "max_price": "5.00"])
    }

    @Test(arguments: DatabaseBackend.allCases)
    func patchChangesOnlyWhatIsSentAndDeleteRespectsOrders(_ backend: DatabaseBackend) throws {
        let app = try FerryTestApp(backend)
        let admin = try app.account("admin", superuser: true)
        let first = app.client.post("/products", json: Self.product("First", 1, sku: "F-1"), headers: admin.auth).json["id"]!.intValue!
        _ = app.client.post("/products", json: Self.product("Second", 1, sku: "S-1"), headers: admin.auth)
        let patched = app.client.send(.patch, "/products/\(first)", json: ["price": "2.50", "description": "New"], headers: admin.auth)
        #expect(patched.json["price"] == "2.50" && patched.json["description"] == "New" && patched.json["name"] == "First")
        #expect(app.client.send(.patch, "/products/\(first)", json: ["sku": "s-1"], headers: admin.auth).status == 409)
        #expect(app.client.send(.patch, "/products/\(first)", json: ["name": nil], headers: admin.auth).status == 422)
        #expect(app.client.send(.patch, "/products/\(first)", json: ["stock_quantity": -1], headers: admin.auth).status == 422)
        #expect(app.client.send(.patch, "/products/999", json: ["price": 1], headers: admin.auth).status == 404)

        let buyer = try app.account("buyer")
        #expect(app.client.post("/orders", json: ["items": [["product_id": .number(String(first)), "quantity": 1]]], headers: buyer.auth).status == 201)
        let refused = app.client.delete("/products/\(first)", headers: admin.auth)
        #expect(refused.status == 409)
        #expect(app.client.get("/products/\(first)").status == 200)
        let second = app.client.get("/products?search=second").json["items"]?[0]?["id"]?.intValue ?? 0
        #expect(app.client.delete("/products/\(second)", headers: admin.auth).status == 204)
        #expect(app.client.delete("/products/\(second)", headers: admin.auth).status == 404)
    }

    @Test(arguments: DatabaseBackend.allCases)
    func bulkKeepsTheValidItemsAndReportsEachFailure(_ backend: DatabaseBackend) throws {
        let app = try FerryTestApp(backend)
        let admin = try app.account("admin", superuser: true)
        _ = app.client.post("/products", json: Self.product("Existing", 1, sku: "EX-1"), headers: admin.auth)
        let response = app.client.post("/products/bulk", json: [
            Self.product("Good One", "1.00", sku: "G-1"),
            Self.product("Dup SKU", "1.00", sku: "ex-1"),
            Self.product("Bad Price", "1.001", sku: "BP-1"),
            Self.product("No Category", "1.00", sku: "NC-1", category: 999),
            Self.product("Good Two", 2, sku: "G-2"),
        ], headers: admin.auth)
        #expect(response.status == 200)
        let results = response.json.arrayValue ?? []
        #expect(results.compactMap { $0["index"]?.intValue } == [0, 1, 2, 3, 4])
        #expect(results.compactMap { $0["status"]?.intValue } == [201, 409, 422, 400, 201])
        #expect(results[0]["product"]?["sku"] == "G-1")
        #expect(results[2]["detail"]?[0]?["loc"] == ["body", 2, "price"])
        #expect(results[3]["detail"] == "Category with id 999 not found")
        #expect(app.client.get("/products").json["total"] == 3, "the two valid items were committed")
        #expect(app.client.post("/products/bulk", json: [], headers: admin.auth).status == 422)
        #expect(app.client.post("/products/bulk", json: ["not": "a list"], headers: admin.auth).status == 422)
        let tooMany = JSONValue.array((0...500).map { Self.product("P\($0)", 1, sku: "P-\($0)") })
        #expect(app.client.post("/products/bulk", json: tooMany, headers: admin.auth).status == 422)
    }
}
