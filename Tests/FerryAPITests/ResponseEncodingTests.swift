import Database
@testable import FerryAPI
import FerryTesting
import Foundation
import HTTP
import Testing

/// The API's response types through StreamingJSONEncoder and through Foundation's JSONEncoder
/// as Ferry had it: the same documents, members in the order the types encode them.
@Suite struct ResponseEncodingTests {
    static let created = Date(timeIntervalSince1970: 1_767_225_600.123456)  // 2026-01-01T00:00:00.123456Z, as rows hold it
    static let updated = Date(timeIntervalSince1970: 1_795_299_420)

    static let user = User(id: 1, username: "ana", email: "ana@example.com", fullName: nil, bio: "Ferries & \"rivers\"\n",
                           isActive: true, isSuperuser: false, createdAt: created, updatedAt: updated)
    static let tags = [Tag(id: 1, name: "river", slug: "river", postCount: 3), Tag(id: 2, name: "dawn 🌅", slug: "dawn", postCount: 0)]

    static func post(_ id: Int, publishedAt: Date?) -> Post {
        let record = PostRecord(id: id, title: "Post \(id): the crossing", slug: "post-\(id)", content: "Lantern / deck\trope",
                                status: publishedAt == nil ? .draft : .published, viewCount: id * 7, authorId: 1,
                                publishedAt: publishedAt, createdAt: created, updatedAt: updated, authorUsername: "ana")
        return Post(record: record, author: PostAuthor(id: 1, username: "ana"), tags: id.isMultiple(of: 2) ? tags : [])
    }

    static let category = FerryAPI.Category(id: 3, name: "Maps", slug: "maps", description: nil, parentId: 1, createdAt: created)

    static func product(category: FerryAPI.Category?) -> Product {
        Product(id: 17, name: "Chart", slug: "chart", description: category == nil ? nil : "Paper", price: Money(cents: 1999),
                stockQuantity: 4, sku: "SKU-17", isActive: true, categoryId: category?.id,
                category: category.map { Product.CategoryReference(id: $0.id, name: $0.name, slug: $0.slug) },
                createdAt: created, updatedAt: updated)
    }

    static let order = Order(
        id: 5, orderNumber: "ORD-20260101000000-ABC123", status: .pending, totalAmount: Money(cents: -5), userId: 1,
        shippingAddress: "1 Quay St", createdAt: created, updatedAt: updated,
        items: [OrderItem(id: 1, productId: 17, productName: "Chart", quantity: 2, unitPrice: Money(cents: 1999), totalPrice: Money(cents: 3998))])

    func expectAgreement(_ value: some Encodable, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let comparison = try JSONEncoderComparison(value)
        #expect(try comparison.agree(), "streaming \(comparison.streamingText)\nfoundation \(comparison.foundationText)",
                sourceLocation: sourceLocation)
    }

    @Test func usersAndPosts() throws {
        try expectAgreement(Self.user)
        try expectAgreement(Self.post(1, publishedAt: nil))
        try expectAgreement(Self.post(2, publishedAt: Self.updated))
        try expectAgreement(PostDetail(post: Self.post(2, publishedAt: Self.updated), comments: [
            Comment(id: 1, postId: 2, userId: 1, parentId: nil, content: "first", createdAt: Self.created),
            Comment(id: 2, postId: 2, userId: 1, parentId: 1, content: "reply \\o/", createdAt: Self.updated),
        ]))
        try expectAgreement(UserWithPosts(user: Self.user, posts: [Self.post(2, publishedAt: Self.updated), Self.post(3, publishedAt: nil)]))
        try expectAgreement(Self.tags)
    }

    @Test func pageEnvelope() throws {
        let pagination = Pagination(Parameters(["page": 2, "page_size": 20]))
        let page = Page(items: (1...20).map { Self.post($0, publishedAt: $0 > 10 ? Self.updated : nil) }, total: 45, pagination: pagination)
        try expectAgreement(page)
        let text = String(decoding: try StreamingJSONEncoder.encode(Page(items: [Self.tags[0]], total: 1, pagination: pagination)), as: UTF8.self)
        #expect(text == #"{"items":[{"id":1,"name":"river","slug":"river","post_count":3}],"total":1,"page":2,"page_size":20,"#
            + #""total_pages":1,"has_next":false,"has_previous":true}"#)
    }

    /// The documents as Ferry wrote them before its response types listed their members for
    /// JSONObjectEncodable (captured from that code): byte for byte the same.
    @Test func documentsAreByteIdenticalToBefore() throws {
        func expectBytes(_ value: some Encodable, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
            #expect(String(decoding: try JSONCoding.encode(value), as: UTF8.self) == expected, sourceLocation: sourceLocation)
        }
        let pagination = Pagination(Parameters(["page": 2, "page_size": 2]))
        let comments = [Comment(id: 1, postId: 2, userId: 1, parentId: nil, content: "first", createdAt: Self.created),
                        Comment(id: 2, postId: 2, userId: 1, parentId: 1, content: "reply \\o/", createdAt: Self.updated)]
        let bulk = [BulkProductResult(index: 0, status: 201, product: Self.product(category: nil), detail: nil),
                    BulkProductResult(index: 1, status: 422, product: nil, detail: ["loc": ["body", 0], "msg": "Field required"])]
        let order = Order(
            id: 5, orderNumber: "ORD-20260101000000-ABC123", status: .pending, totalAmount: Money(cents: -5), userId: 1,
            shippingAddress: nil, createdAt: Self.created, updatedAt: Self.updated, items: Self.order.items)
        try expectBytes(Self.post(2, publishedAt: Self.updated),
            #"{"id":2,"title":"Post 2: the crossing","slug":"post-2","content":"Lantern / deck\trope","#
            + #""status":"published","view_count":14,"author_id":1,"author":{"id":1,"username":"ana"},"#
            + #""tags":[{"id":1,"name":"river","slug":"river","post_count":3},{"id":2,"name":"dawn 🌅","slug":"dawn","#
            + #""post_count":0}],"published_at":"2026-11-21T22:17:00Z","created_at":"2026-01-01T00:00:00Z","#
            + #""updated_at":"2026-11-21T22:17:00Z"}"#)
        try expectBytes(Self.post(1, publishedAt: nil),
            #"{"id":1,"title":"Post 1: the crossing","slug":"post-1","content":"Lantern / deck\trope","#
            + #""status":"draft","view_count":7,"author_id":1,"author":{"id":1,"username":"ana"},"tags":[],"#
            + #""published_at":null,"created_at":"2026-01-01T00:00:00Z","updated_at":"2026-11-21T22:17:00Z"}"#)
        try expectBytes(Page(items: [Self.post(1, publishedAt: nil), Self.post(2, publishedAt: Self.updated)], total: 5, pagination: pagination),
            #"{"items":[{"id":1,"title":"Post 1: the crossing","slug":"post-1","content":"Lantern / deck\trope","#
            + #""status":"draft","view_count":7,"author_id":1,"author":{"id":1,"username":"ana"},"tags":[],"#
            + #""published_at":null,"created_at":"2026-01-01T00:00:00Z","updated_at":"2026-11-21T22:17:00Z"},"#
            + #"{"id":2,"title":"Post 2: the crossing","slug":"post-2","content":"Lantern / deck\trope","#
            + #""status":"published","view_count":14,"author_id":1,"author":{"id":1,"username":"ana"},"#
            + #""tags":[{"id":1,"name":"river","slug":"river","post_count":3},{"id":2,"name":"dawn 🌅","slug":"dawn","#
            + #""post_count":0}],"published_at":"2026-11-21T22:17:00Z","created_at":"2026-01-01T00:00:00Z","#
            + #""updated_at":"2026-11-21T22:17:00Z"}],"total":5,"page":2,"page_size":2,"total_pages":3,"#
            + #""has_next":true,"has_previous":true}"#)
        try expectBytes(PostDetail(post: Self.post(2, publishedAt: Self.updated), comments: comments),
            #"{"id":2,"title":"Post 2: the crossing","slug":"post-2","content":"Lantern / deck\trope","#
            + #""status":"published","view_count":14,"author_id":1,"author":{"id":1,"username":"ana"},"#
            + #""tags":[{"id":1,"name":"river","slug":"river","post_count":3},{"id":2,"name":"dawn 🌅","slug":"dawn","#
            + #""post_count":0}],"published_at":"2026-11-21T22:17:00Z","created_at":"2026-01-01T00:00:00Z","#
            + #""updated_at":"2026-11-21T22:17:00Z","comments":[{"id":1,"post_id":2,"user_id":1,"parent_id":null,"#
            + #""content":"first","created_at":"2026-01-01T00:00:00Z"},{"id":2,"post_id":2,"user_id":1,"#
            + #""parent_id":1,"content":"reply \\o/","created_at":"2026-11-21T22:17:00Z"}]}"#)
        try expectBytes(Self.user,
            #"{"id":1,"username":"ana","email":"ana@example.com","full_name":null,"bio":"Ferries & \"rivers\"\n","#
            + #""is_active":true,"is_superuser":false,"created_at":"2026-01-01T00:00:00Z","#
            + #""updated_at":"2026-11-21T22:17:00Z"}"#)
        try expectBytes(UserWithPosts(user: Self.user, posts: [Self.post(3, publishedAt: nil)]),
            #"{"id":1,"username":"ana","email":"ana@example.com","full_name":null,"bio":"Ferries & \"rivers\"\n","#
            + #""is_active":true,"is_superuser":false,"created_at":"2026-01-01T00:00:00Z","#
            + #""updated_at":"2026-11-21T22:17:00Z","posts":[{"id":3,"title":"Post 3: the crossing","slug":"post-3","#
            + #""content":"Lantern / deck\trope","status":"draft","view_count":21,"author_id":1,"author":{"id":1,"#
            + #""username":"ana"},"tags":[],"published_at":null,"created_at":"2026-01-01T00:00:00Z","#
            + #""updated_at":"2026-11-21T22:17:00Z"}]}"#)
        try expectBytes(Self.product(category: Self.category),
            #"{"id":17,"name":"Chart","slug":"chart","description":"Paper","price":"19.99","stock_quantity":4,"#
            + #""sku":"SKU-17","is_active":true,"category_id":3,"category":{"id":3,"name":"Maps","slug":"maps"},"#
            + #""created_at":"2026-01-01T00:00:00Z","updated_at":"2026-11-21T22:17:00Z"}"#)
        try expectBytes(Self.product(category: nil),
            #"{"id":17,"name":"Chart","slug":"chart","description":null,"price":"19.99","stock_quantity":4,"#
            + #""sku":"SKU-17","is_active":true,"category_id":null,"category":null,"#
            + #""created_at":"2026-01-01T00:00:00Z","updated_at":"2026-11-21T22:17:00Z"}"#)
        try expectBytes(CategoryDetail(category: Self.category, children: [Self.category], productCount: 2),
            #"{"id":3,"name":"Maps","slug":"maps","description":null,"parent_id":1,"#
            + #""created_at":"2026-01-01T00:00:00Z","children":[{"id":3,"name":"Maps","slug":"maps","#
            + #""description":null,"parent_id":1,"created_at":"2026-01-01T00:00:00Z"}],"product_count":2}"#)
        try expectBytes(bulk,
            #"[{"index":0,"status":201,"product":{"id":17,"name":"Chart","slug":"chart","description":null,"#
            + #""price":"19.99","stock_quantity":4,"sku":"SKU-17","is_active":true,"category_id":null,"#
            + #""category":null,"created_at":"2026-01-01T00:00:00Z","updated_at":"2026-11-21T22:17:00Z"}},"#
            + #"{"index":1,"status":422,"detail":{"loc":["body",0],"msg":"Field required"}}]"#)
        try expectBytes(order,
            #"{"id":5,"order_number":"ORD-20260101000000-ABC123","status":"pending","total_amount":"-0.05","#
            + #""user_id":1,"shipping_address":null,"created_at":"2026-01-01T00:00:00Z","#
            + #""updated_at":"2026-11-21T22:17:00Z","items":[{"id":1,"product_id":17,"product_name":"Chart","#
            + #""quantity":2,"unit_price":"19.99","total_price":"39.98"}]}"#)
        try expectBytes(Page(items: [OrderSummary(order: order)], total: 1, pagination: pagination),
            #"{"items":[{"id":5,"order_number":"ORD-20260101000000-ABC123","status":"pending","#
            + #""total_amount":"-0.05","user_id":1,"shipping_address":null,"created_at":"2026-01-01T00:00:00Z","#
            + #""updated_at":"2026-11-21T22:17:00Z"}],"total":1,"page":2,"page_size":2,"total_pages":1,"#
            + #""has_next":false,"has_previous":true}"#)
    }

    @Test func productsAndCategories() throws {
        try expectAgreement(Self.product(category: Self.category))
        try expectAgreement(Self.product(category: nil))
        let text = String(decoding: try StreamingJSONEncoder.encode(Self.product(category: Self.category)), as: UTF8.self)
        #expect(text == #"{"id":17,"name":"Chart","slug":"chart","description":"Paper","price":"19.99","stock_quantity":4,"sku":"SKU-17","#
            + #""is_active":true,"category_id":3,"category":{"id":3,"name":"Maps","slug":"maps"},"#
            + #""created_at":"2026-01-01T00:00:00Z","updated_at":"2026-11-21T22:17:00Z"}"#)
        try expectAgreement(CategoryDetail(category: Self.category, children: [Self.category], productCount: 2))
        try expectAgreement([
            BulkProductResult(index: 0, status: 201, product: Self.product(category: nil), detail: nil),
            BulkProductResult(index: 1, status: 422, product: nil, detail: ["loc": ["body", 0], "msg": "Field required"]),
        ])
        try expectAgreement(CategoryStats(category: "Maps", productCount: 2, avgPrice: Money(cents: 150), minPrice: Money(cents: 100),
                                          maxPrice: Money(cents: 200)))
    }

    @Test func ordersAndStatistics() throws {
        try expectAgreement(Self.order)
        try expectAgreement(OrderSummary(order: Self.order))
        try expectAgreement(OrderStatistics(totalOrders: 3, totalRevenue: Money(cents: 12345),
                                            ordersByStatus: ["pending": 1, "shipped": 2, "cancelled": 0]))
        try expectAgreement(StatusChange(orderId: 5, newStatus: .shipped))
        try expectAgreement([TopSpender(username: "ana", email: "ana@example.com", orderCount: 2, totalSpent: Money(cents: 5000))])
    }

    @Test func serviceAndErrorBodies() throws {
        try expectAgreement(ServiceInfo(message: "Ferry API", version: "1.0"))
        let pool = PoolStatus(size: 5, maxOverflow: 10, checkedIn: 4, checkedOut: 1, overflow: 0, total: 5)
        try expectAgreement(Health(status: "healthy", database: PoolSummary(pool)))
        try expectAgreement(PoolHealth(pool, status: "healthy"))
        try expectAgreement(AccessToken(accessToken: "a.b.c", tokenType: "bearer", expiresIn: 1800))
        try expectAgreement([ValidationIssue.missing(loc: ["body", "items", 0, "product_id"])])
        try expectAgreement(["detail": "Not Found"])
        try expectAgreement(ViewCount(viewCount: 8))
    }
}
