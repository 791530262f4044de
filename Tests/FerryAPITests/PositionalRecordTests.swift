import Database
@testable import FerryAPI
import FerryTesting
import Foundation
import HTTP
import Testing

/// The records `Session` now reads by position hold exactly what the `Decodable` path
/// read from the same rows (compared field by field through reflection).
@Suite struct PositionalRecordTests {
    /// `label=value` of every stored property.
    static func fields(_ value: Any) -> [String] {
        Mirror(reflecting: value).children.map { "\($0.label ?? "?")=\($0.value)" }
    }

    /// The rows of `sql` read positionally and through `Decodable` into `Mirror`, a copy
    /// of the record's fields (for records that are no longer `Decodable`).
    static func expectSame<T: RowDecodable, Mirror: Decodable>(
        _ session: Session, _ sql: SQL, _ type: T.Type, codable: Mirror.Type, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let rows = try session.fetchRows(sql)
        #expect(rows.count > 0, sourceLocation: sourceLocation)
        let positional = try rows.decode(T.self).map(fields)
        let decoded = try rows.map { try $0.decode(Mirror.self) }.map(fields)
        #expect(positional == decoded, sourceLocation: sourceLocation)
    }

    static func expectSame<T: RowDecodable & Decodable>(
        _ session: Session, _ sql: SQL, _ type: T.Type, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        try expectSame(session, sql, T.self, codable: T.self, sourceLocation: sourceLocation)
    }

    struct PostRecordFields: Decodable {
        let id: Int, title: String, slug: String, content: String, status: PostStatus, viewCount: Int, authorId: Int
        let publishedAt: Date?, createdAt: Date, updatedAt: Date, authorUsername: String
    }

    struct ProductRowFields: Decodable {
        let id: Int, name: String, slug: String, description: String?, priceCents: Money, stockQuantity: Int, sku: String
        let isActive: Bool, categoryId: Int?, createdAt: Date, updatedAt: Date, categoryName: String?, categorySlug: String?
    }

    struct OrderRowFields: Decodable {
        let id: Int, orderNumber: String, status: OrderStatus, totalCents: Money, userId: Int, shippingAddress: String?
        let createdAt: Date, updatedAt: Date
    }

    struct TagRecordFields: Decodable {
        let id: Int, name: String, slug: String
    }

    @Test(arguments: DatabaseBackend.allCases)
    func everyConvertedRecordReadsWhatDecodableRead(_ backend: DatabaseBackend) throws {
        let app = try FerryTestApp(backend)
        let admin = try app.account("admin", superuser: true)
        let ada = try app.account("ada", fullName: "Ada Lovelace")
        let category = app.client.post("/categories", json: ["name": "Tools", "description": "Hand tools"], headers: admin.auth).json["id"] ?? .null
        for (name, sku, categoryID) in [("Hammer", "HAM-1", category), ("Loose", "L-1", JSONValue.null)] {
            let body: JSONValue = ["name": .string(name), "price": "79.99", "sku": .string(sku), "stock_quantity": 3, "category_id": categoryID]
            #expect(app.client.post("/products", json: body, headers: admin.auth).status == 201)
        }
        let post = app.createPost(ada, "Published", tags: ["swift", "Databases"]).id
        app.createPost(ada, "Draft", status: "draft", tags: ["swift"])
        #expect(app.client.post("/posts/\(post)/comments", json: ["content": "Nice post"], headers: admin.auth).status == 201)
        let order: JSONValue = ["items": [["product_id": 1, "quantity": 2]], "shipping_address": "1 Main St"]
        #expect(app.client.post("/orders", json: order, headers: ada.auth).status == 201)
        #expect(app.client.post("/orders", json: ["items": [["product_id": 2, "quantity": 1]]], headers: ada.auth).status == 201)

        let session = app.pool.makeSession()
        try Self.expectSame(session, "SELECT \(sql: PostRecord.selected) FROM posts p ORDER BY p.id", PostRecord.self, codable: PostRecordFields.self)
        try Self.expectSame(session, "\(sql: ProductRepository.select) ORDER BY p.id", ProductRow.self, codable: ProductRowFields.self)
        try Self.expectSame(session, "SELECT \(sql: SQL.columns(TagRecord.columns)) FROM tags ORDER BY id", TagRecord.self, codable: TagRecordFields.self)
        try Self.expectSame(session, "SELECT \(sql: OrderRepository.columns) FROM orders ORDER BY id", OrderRow.self, codable: OrderRowFields.self)
        try Self.expectSame(session, "SELECT \(sql: UserRepository.columns) FROM users ORDER BY id", User.self)
        try Self.expectSame(session, "SELECT \(sql: CategoryRepository.columns) FROM categories ORDER BY id", Category.self)
        try Self.expectSame(session, "SELECT \(sql: CommentRepository.columns) FROM comments ORDER BY id", Comment.self)
        let count = TagPostCount(visibility: PostVisibility(User?.none))
        try Self.expectSame(session, "SELECT t.id, t.name, t.slug, \(sql: count.column) FROM tags t ORDER BY t.id", Tag.self)
        // The user a bearer token names: read on every authenticated request.
        #expect(app.client.get("/auth/me", headers: ada.auth).json["full_name"] == "Ada Lovelace")
    }
}
