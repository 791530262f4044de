import Database
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import HTTP

/// Every `/categories` route of API.md.
enum CategoryRoutes {
    static func register(on router: inout Router<AppContext>) {
        let id = RouteParameter.path("id", .integer(minimum: 1), "The category's id")
        let tags = ["categories"]
        let notFound = ResponseSpec(404, "No such category", .ref(HTTPErrorBody.self))
        let badParent = ResponseSpec(400, "The parent does not exist or would make a cycle", .ref(HTTPErrorBody.self))
        let conflict = ResponseSpec(409, "The name or the explicit slug is taken", .ref(HTTPErrorBody.self))

        router.on(.post, "/categories", RouteSpec(
            summary: "Create a category", tags: tags, body: .json(CategoryCreateBody.self),
            responses: [.created(Category.self), badParent, conflict], requiresAuth: true
        )) { request, context in
            _ = try context.requireSuperuser()
            let body = try request.validatedJSON(schema: CategoryFields.create)
            try context.session.beginWriting()
            let repository = CategoryRepository(session: context.session)
            let name = body["name"]?.stringValue ?? ""
            let parentID = body["parent_id"]?.intValue
            if let parentID, try repository.find(id: parentID) == nil { throw HTTPError.badRequest("Parent category with id \(parentID) not found") }
            if try repository.nameTaken(name) { throw HTTPError.conflict("Category '\(name)' already exists") }
            let slug: String
            if let explicit = body["slug"]?.stringValue {
                if try repository.slugTaken(explicit) { throw HTTPError.conflict("Slug '\(explicit)' is taken") }
                slug = explicit
            } else {
                let base = Slug.derive(from: name, fallback: "category")
                slug = Slug.firstFree(base, taken: Set(try repository.takenSlugs(base)))
            }
            let category = try insertMappingConflicts {
                try repository.insert(name: name, slug: slug, description: body["description"]?.stringValue, parentID: parentID, now: Date())
            }
            return try .json(category, status: .created)
        }

        router.on(.get, "/categories", RouteSpec(
            summary: "Every category, by name", tags: tags,
            responses: [ResponseSpec(200, "Categories by name", .array(.ref(Category.self)))]
        )) { _, context in
            try .json(CategoryRepository(session: context.session).all())
        }

        router.on(.get, "/categories/{id}", RouteSpec(
            summary: "A category with its children and active product count", tags: tags, parameters: [id],
            responses: [.ok(CategoryDetail.self), notFound]
        )) { request, context in
            let repository = CategoryRepository(session: context.session)
            let category = try existing(try request.parameters.requiredInt("id"), repository)
            return try .json(CategoryDetail(category: category, children: try repository.children(of: category.id),
                                            productCount: try repository.activeProductCount(category.id)))
        }

        router.on(.patch, "/categories/{id}", RouteSpec(
            summary: "Change a category's name, slug, description or parent", tags: tags, parameters: [id],
            body: .json(CategoryUpdateBody.self), responses: [.ok(Category.self), badParent, notFound, conflict], requiresAuth: true
        )) { request, context in
            _ = try context.requireSuperuser()
            let body = try request.validatedJSON(schema: CategoryFields.update)
            try context.session.beginWriting()
            let repository = CategoryRepository(session: context.session)
            let category = try existing(try request.parameters.requiredInt("id"), repository)
            let name = FieldUpdate(body, "name") { $0.stringValue }.applied(to: category.name) ?? category.name
            let slug = FieldUpdate(body, "slug") { $0.stringValue }.applied(to: category.slug) ?? category.slug
            let description = FieldUpdate(body, "description") { $0.stringValue }.applied(to: category.description)
            let parentID = FieldUpdate(body, "parent_id") { $0.intValue }.applied(to: category.parentId)
            if let parentID, parentID != category.parentId {
                guard try repository.find(id: parentID) != nil else { throw HTTPError.badRequest("Parent category with id \(parentID) not found") }
                if try repository.isSelfOrDescendant(parentID, of: category.id) {
                    throw HTTPError.badRequest("Category \(category.id) cannot be placed under its own descendant \(parentID)")
                }
            }
            if try repository.nameTaken(name, excluding: category.id) { throw HTTPError.conflict("Category '\(name)' already exists") }
            if try repository.slugTaken(slug, excluding: category.id) { throw HTTPError.conflict("Slug '\(slug)' is taken") }
            return try .json(insertMappingConflicts {
                try repository.update(category, name: name, slug: slug, description: description, parentID: parentID)
            })
        }

        router.on(.get, "/categories/{id}/products", RouteSpec(
            summary: "Active products in a category, by name", tags: tags, parameters: [id] + Pagination.parameters,
            responses: [.ok(Page<Product>.self), notFound]
        )) { request, context in
            let category = try existing(try request.parameters.requiredInt("id"), CategoryRepository(session: context.session))
            var filters = ProductRepository.Filters()
            filters.categoryID = category.id
            return try .json(ProductRepository(session: context.session).list(filters, pagination: Pagination(request.parameters), byName: true))
        }

        router.on(.delete, "/categories/{id}", RouteSpec(
            summary: "Delete a category; its products and children stay, without a category or parent", tags: tags,
            parameters: [id], responses: [.noContent, notFound], requiresAuth: true
        )) { request, context in
            _ = try context.requireSuperuser()
            let categoryID = try request.parameters.requiredInt("id")
            guard try CategoryRepository(session: context.session).delete(id: categoryID) else {
                throw HTTPError.notFound("Category with id \(categoryID) not found")
            }
            return .noContent
        }
    }

    static func existing(_ id: Int, _ repository: CategoryRepository) throws -> Category {
        guard let category = try repository.find(id: id) else { throw HTTPError.notFound("Category with id \(id) not found") }
        return category
    }

    /// A race lost to another writer on a unique name or slug is the same 409.
    static func insertMappingConflicts<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            guard case .uniqueViolation = error else { throw error }
            throw HTTPError.conflict(error.constraintName?.contains("slug") == true ? "Slug is taken" : "Category name is taken")
        }
    }
}
