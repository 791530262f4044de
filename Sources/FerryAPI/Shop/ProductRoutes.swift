import Database
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import HTTP

/// Every `/products` route of API.md.
enum ProductRoutes {
    static func register(on router: inout Router<AppContext>) {
        let id = RouteParameter.path("id", .integer(minimum: 1), "The product's id")
        let tags = ["products"]
        let notFound = ResponseSpec(404, "No such product", .ref(HTTPErrorBody.self))
        let conflict = ResponseSpec(409, "The SKU, or the name within the category, is taken", .ref(HTTPErrorBody.self))
        let badCategory = ResponseSpec(400, "The category does not exist", .ref(HTTPErrorBody.self))

        router.on(.post, "/products", RouteSpec(
            summary: "Create a product", tags: tags, body: .json(ProductCreateBody.self),
            responses: [.created(Product.self), badCategory, conflict], requiresAuth: true
        )) { request, context in
            _ = try context.requireSuperuser()
            let input = ProductInput(try request.validatedJSON(schema: ProductFields.create))
            try context.session.beginWriting()
            return try .json(ProductRepository(session: context.session).create(input, now: Date()), status: .created)
        }

        router.on(.post, "/products/bulk", RouteSpec(
            summary: "Create 1 to 500 products, each on its own: the valid ones are kept whatever happens to the others",
            tags: tags, body: RequestBodySpec(.array(.ref(ProductCreateBody.self), minItems: 1, maxItems: 500)),
            responses: [ResponseSpec(200, "One result per item, in input order", .array(.ref(BulkProductResult.self)))], requiresAuth: true
        )) { request, context in
            _ = try context.requireSuperuser()
            let items = try request.validatedJSON(schema: .array(JSONSchema(), minItems: 1, maxItems: 500)).arrayValue ?? []
            try context.session.beginWriting()
            let repository = ProductRepository(session: context.session)
            let now = Date()
            let results = try items.enumerated().map { index, item in
                try createOne(item, index: index, repository: repository, now: now)
            }
            return try .json(results)
        }

        router.on(.get, "/products", RouteSpec(
            summary: "List products, newest first", tags: tags,
            parameters: Pagination.parameters + [
                .query("category_id", .integer(minimum: 1)),
                .query("min_price", MoneyField.schema(exclusiveMinimum: Money(cents: -1))),
                .query("max_price", MoneyField.schema(exclusiveMinimum: Money(cents: -1))),
                .query("search", .string(minLength: 1), "Case-insensitive substring of name, description or SKU"),
                .query("is_active", JSONSchema.boolean.defaulting(to: true)),
            ],
            responses: [.ok(Page<Product>.self)]
        )) { request, context in
            let parameters = request.parameters
            let filters = ProductRepository.Filters(
                categoryID: parameters.int("category_id"), minPrice: parameters["min_price"].flatMap(MoneyField.parse),
                maxPrice: parameters["max_price"].flatMap(MoneyField.parse), search: parameters.string("search"),
                isActive: parameters.bool("is_active") ?? true)
            return try .json(ProductRepository(session: context.session).list(filters, pagination: Pagination(parameters)))
        }

        router.on(.get, "/products/low-stock", RouteSpec(
            summary: "Active products with stock at or below the threshold, lowest first (at most 100)", tags: tags,
            parameters: [.query("threshold", JSONSchema.integer(minimum: 0).defaulting(to: 10))],
            responses: [ResponseSpec(200, "Lowest stock first", .array(.ref(Product.self)))], requiresAuth: true
        )) { request, context in
            _ = try context.requireSuperuser()
            return try .json(ProductRepository(session: context.session).lowStock(threshold: request.parameters.int("threshold") ?? 10))
        }

        router.on(.get, "/products/by-category-stats", RouteSpec(
            summary: "Active products per category: count and prices, most products first", tags: tags,
            responses: [ResponseSpec(200, "One row per category with active products", .array(.ref(CategoryStats.self)))]
        )) { _, context in
            try .json(ProductRepository(session: context.session).categoryStats().map {
                CategoryStats(category: $0.name, productCount: $0.count, avgPrice: CategoryStats.average(sum: $0.sum, count: $0.count),
                              minPrice: $0.min, maxPrice: $0.max)
            })
        }

        router.on(.get, "/products/{id}", RouteSpec(
            summary: "A product", tags: tags, parameters: [id], responses: [.ok(Product.self), notFound]
        )) { request, context in
            try .json(existing(try request.parameters.requiredInt("id"), context))
        }

        router.on(.patch, "/products/{id}", RouteSpec(
            summary: "Change only the fields sent", tags: tags, parameters: [id], body: .json(ProductUpdateBody.self),
            responses: [.ok(Product.self), badCategory, notFound, conflict], requiresAuth: true
        )) { request, context in
            _ = try context.requireSuperuser()
            let body = try request.validatedJSON(schema: ProductFields.update)
            try context.session.beginWriting()
            let product = try existing(try request.parameters.requiredInt("id"), context)
            let repository = ProductRepository(session: context.session)
            let name = FieldUpdate(body, "name") { $0.stringValue }.applied(to: product.name) ?? product.name
            let sku = FieldUpdate(body, "sku") { $0.stringValue?.uppercased() }.applied(to: product.sku) ?? product.sku
            let categoryID = FieldUpdate(body, "category_id") { $0.intValue }.applied(to: product.categoryId)
            if let categoryID, categoryID != product.categoryId, try CategoryRepository(session: context.session).find(id: categoryID) == nil {
                throw HTTPError.badRequest("Category with id \(categoryID) not found")
            }
            try repository.ensureAvailable(sku: sku, name: name, categoryID: categoryID, excluding: product.id)
            try repository.update(
                id: product.id, name: name,
                description: FieldUpdate(body, "description") { $0.stringValue }.applied(to: product.description),
                price: FieldUpdate(body, "price", MoneyField.parse).applied(to: product.price) ?? product.price, sku: sku,
                stockQuantity: FieldUpdate(body, "stock_quantity") { $0.intValue }.applied(to: product.stockQuantity) ?? product.stockQuantity,
                categoryID: categoryID,
                isActive: FieldUpdate(body, "is_active") { $0.boolValue }.applied(to: product.isActive) ?? product.isActive, now: Date())
            return try .json(existing(product.id, context))
        }

        router.on(.delete, "/products/{id}", RouteSpec(
            summary: "Delete a product that no order refers to", tags: tags, parameters: [id],
            responses: [.noContent, notFound, ResponseSpec(409, "Order items refer to the product", .ref(HTTPErrorBody.self))],
            requiresAuth: true
        )) { request, context in
            _ = try context.requireSuperuser()
            let productID = try request.parameters.requiredInt("id")
            try context.session.beginWriting()
            guard try ProductRepository(session: context.session).delete(id: productID) else {
                throw HTTPError.notFound("Product with id \(productID) not found")
            }
            return .noContent
        }
    }

    static func existing(_ id: Int, _ context: AppContext) throws -> Product {
        guard let product = try ProductRepository(session: context.session).find(id: id) else {
            throw HTTPError.notFound("Product with id \(id) not found")
        }
        return product
    }

    /// One bulk item: validated on its own, created in its own savepoint (inside `create`),
    /// so its failure leaves the others' work in place.
    static func createOne(_ item: JSONValue, index: Int, repository: ProductRepository, now: Date) throws -> BulkProductResult {
        let issues = SchemaValidator.validate(item, against: ProductFields.create, at: ["body", .index(index)])
        guard issues.isEmpty else {
            let detail = (try? JSONParser.parse(JSONCoding.encode(issues))) ?? .null
            return BulkProductResult(index: index, status: 422, product: nil, detail: detail)
        }
        do {
            let product = try repository.session.savepoint { try repository.create(ProductInput(item), now: now) }
            return BulkProductResult(index: index, status: 201, product: product, detail: nil)
        } catch let error as HTTPError where error.status.code == 400 || error.status.code == 409 {
            return BulkProductResult(index: index, status: error.status.code, product: nil, detail: .string(error.detail))
        }
    }
}
