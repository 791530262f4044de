import Database
import FerryTesting
import HTTP
import Testing

@Suite struct CategoryRoutesTests {
    @Test(arguments: DatabaseBackend.allCases)
    func createDerivesSlugsAndRefusesConflicts(_ backend: DatabaseBackend) throws {
        let app = try FerryTestApp(backend)
        let admin = try app.account("admin", superuser: true)
        let user = try app.account("user")
        let coffee = app.client.post("/categories", json: ["name": "Café Crème", "description": "Hot"], headers: admin.auth)
        #expect(coffee.status == 201)
        #expect(coffee.json["slug"] == "cafe-creme" && coffee.json["parent_id"] == .null && coffee.json["description"] == "Hot")
        #expect(app.client.post("/categories", json: ["name": "Cafe Creme!"], headers: admin.auth).json["slug"] == "cafe-creme-2")
        #expect(app.client.post("/categories", json: ["name": "¡¿!"], headers: admin.auth).json["slug"] == "category")
        let sameName = app.client.post("/categories", json: ["name": "Café Crème"], headers: admin.auth)
        #expect(sameName.status == 409)
        let takenSlug = app.client.post("/categories", json: ["name": "Other", "slug": "cafe-creme"], headers: admin.auth)
        #expect(takenSlug.status == 409 && takenSlug.detail == "Slug 'cafe-creme' is taken")
        let noParent = app.client.post("/categories", json: ["name": "Orphan", "parent_id": 999], headers: admin.auth)
        #expect(noParent.status == 400 && noParent.detail == "Parent category with id 999 not found")
        #expect(app.client.post("/categories", json: ["name": "x"], headers: user.auth).status == 403)
        #expect(app.client.post("/categories", json: ["name": "x"]).status == 401)
        let invalid = app.client.post("/categories", json: ["name": "", "slug": "Not A Slug"], headers: admin.auth)
        #expect(invalid.status == 422 && invalid.detail?.arrayValue?.count == 2)
    }

    @Test(arguments: DatabaseBackend.allCases)
    func treeDetailProductsAndCyclePrevention(_ backend: DatabaseBackend) throws {
        let app = try FerryTestApp(backend)
        let admin = try app.account("admin", superuser: true)
        let root = app.client.post("/categories", json: ["name": "Root"], headers: admin.auth).json["id"] ?? .null
        let child = app.client.post("/categories", json: ["name": "Child", "parent_id": root], headers: admin.auth).json["id"] ?? .null
        let grandchild = app.client.post("/categories", json: ["name": "Grandchild", "parent_id": child], headers: admin.auth).json["id"] ?? .null
        for (name, active) in [("Zeta", true), ("Alpha", true), ("Hidden", false)] {
            _ = app.client.post("/products", json: ["name": .string(name), "price": 1, "sku": .string("SKU-\(name)"),
                                                    "category_id": root, "is_active": .bool(active)], headers: admin.auth)
        }
        let detail = app.client.get("/categories/\(root.intValue!)").json
        #expect(detail["children"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["Child"])
        #expect(detail["product_count"] == 2)
        let products = app.client.get("/categories/\(root.intValue!)/products").json
        #expect(products["items"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["Alpha", "Zeta"])
        #expect(app.client.get("/categories/999/products").status == 404)
        #expect(app.client.get("/categories").json.arrayValue?.compactMap { $0["name"]?.stringValue } == ["Child", "Grandchild", "Root"])

        let cycle = app.client.send(.patch, "/categories/\(root.intValue!)", json: ["parent_id": grandchild], headers: admin.auth)
        #expect(cycle.status == 400)
        #expect(app.client.send(.patch, "/categories/\(root.intValue!)", json: ["parent_id": root], headers: admin.auth).status == 400)
        let moved = app.client.send(.patch, "/categories/\(grandchild.intValue!)", json: ["parent_id": root, "name": "Moved", "description": nil], headers: admin.auth)
        #expect(moved.status == 200 && moved.json["parent_id"] == root && moved.json["name"] == "Moved" && moved.json["slug"] == "grandchild")
        #expect(app.client.send(.patch, "/categories/\(child.intValue!)", json: ["slug": "root"], headers: admin.auth).status == 409)
        #expect(app.client.send(.patch, "/categories/999", json: ["name": "x"], headers: admin.auth).status == 404)
    }

    @Test(arguments: DatabaseBackend.allCases)
    func deletingLeavesProductsAndChildrenWithoutIt(_ backend: DatabaseBackend) throws {
        let app = try FerryTestApp(backend)
        let admin = try app.account("admin", superuser: true)
        let root = app.client.post("/categories", json: ["name": "Root"], headers: admin.auth).json["id"] ?? .null
        let child = app.client.post("/categories", json: ["name": "Child", "parent_id": root], headers: admin.auth).json["id"] ?? .null
        let product = app.client.post("/products", json: ["name": "Thing", "price": 2, "sku": "T-1", "category_id": root], headers: admin.auth).json["id"] ?? .null
        #expect(app.client.delete("/categories/\(root.intValue!)", headers: admin.auth).status == 204)
        #expect(app.client.get("/categories/\(root.intValue!)").status == 404)
        #expect(app.client.get("/categories/\(child.intValue!)").json["parent_id"] == .null)
        let orphan = app.client.get("/products/\(product.intValue!)").json
        #expect(orphan["category_id"] == .null && orphan["category"] == .null)
        #expect(app.client.delete("/categories/\(root.intValue!)", headers: admin.auth).status == 404)
    }
}
