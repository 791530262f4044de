import Database
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import HTTP

/// Every SQL statement about products. Lists read each product's category in the same
/// query (a join), so a page costs one statement whatever its size.
struct ProductRepository {
    let session: Session

    static let select: SQL = """
        SELECT p.id, p.name, p.slug, p.description, p.price_cents, p.stock_quantity, p.sku, p.is_active, p.category_id,
               p.created_at, p.updated_at, c.name AS category_name, c.slug AS category_slug
        FROM products p LEFT JOIN categories c ON c.id = p.category_id
        """

    func find(id: Int) throws -> Product? {
        try session.fetchOne("\(sql: Self.select) WHERE p.id = \(id)", as: ProductRow.self)?.product
    }

    struct Filters {
        var categoryID: Int?
        var minPrice: Money?
        var maxPrice: Money?
        var search: String?
        var isActive: Bool? = true
    }

    /// A page of products, newest first (or by name within a category).
    func list(_ filters: Filters, pagination: Pagination, byName: Bool = false) throws -> Page<Product> {
        var conditions: [SQL] = []
        if let id = filters.categoryID { conditions.append("p.category_id = \(id)") }
        if let min = filters.minPrice { conditions.append("p.price_cents >= \(min)") }
        if let max = filters.maxPrice { conditions.append("p.price_cents <= \(max)") }
        if let text = filters.search { conditions.append(LikePattern.anyColumn(["p.name", "COALESCE(p.description, '')", "p.sku"], contains: text)) }
        if let active = filters.isActive { conditions.append("p.is_active = \(active)") }
        let filter: SQL = conditions.isEmpty ? .empty : " WHERE " + SQL.joined(conditions, separator: " AND ")
        let order: SQL = byName ? "ORDER BY p.name, p.id" : "ORDER BY p.created_at DESC, p.id DESC"
        let total = try session.fetchScalar("SELECT COUNT(*) FROM products p\(sql: filter)", as: Int.self) ?? 0
        let rows = try session.fetchAll(
            "\(sql: Self.select)\(sql: filter) \(sql: order) LIMIT \(pagination.pageSize) OFFSET \(pagination.offset)", as: ProductRow.self)
        return Page(items: rows.map(\.product), total: total, pagination: pagination)
    }

    func lowStock(threshold: Int) throws -> [Product] {
        try session.fetchAll("""
            \(sql: Self.select) WHERE p.is_active = \(true) AND p.stock_quantity <= \(threshold)
            ORDER BY p.stock_quantity, p.id LIMIT 100
            """, as: ProductRow.self).map(\.product)
    }

    /// Per category with active products: count, sum, min and max price (the average is
    /// rounded by the caller, exactly).
    func categoryStats() throws -> [(name: String, count: Int, sum: Int64, min: Money, max: Money)] {
        let rows: [(String, Int, Int64, Money, Money)] = try session.fetchAll("""
            SELECT c.name, COUNT(*), SUM(p.price_cents), MIN(p.price_cents), MAX(p.price_cents)
            FROM products p JOIN categories c ON c.id = p.category_id
            WHERE p.is_active = \(true)
            GROUP BY c.id, c.name ORDER BY COUNT(*) DESC, c.name
            """, as: (String, Int, Int64, Money, Money).self)
        return rows.map { (name: $0.0, count: $0.1, sum: $0.2, min: $0.3, max: $0.4) }
    }

    /// Creates a product; a missing category is a 400, a taken SKU or name in its
    /// category a 409, and the slug is the first free one, even when two creates race.
    func create(_ input: ProductInput, now: Date) throws -> Product {
        if let categoryID = input.categoryID, try CategoryRepository(session: session).find(id: categoryID) == nil {
            throw HTTPError.badRequest("Category with id \(categoryID) not found")
        }
        try ensureAvailable(sku: input.sku, name: input.name, categoryID: input.categoryID, excluding: nil)
        let base = Slug.derive(from: input.name, fallback: "product")
        do {
            return try Slug.withFreeSlug(base, session: session, taken: { try takenSlugs(base) }) { slug in
                let id = try session.insertReturningID("""
                    INSERT INTO products (name, slug, description, price_cents, stock_quantity, sku, is_active, category_id, created_at, updated_at)
                    VALUES (\(input.name), \(slug), \(input.description), \(input.price), \(input.stockQuantity), \(input.sku),
                            \(input.isActive), \(input.categoryID), \(now), \(now))
                    """)
                guard let product = try find(id: Int(id)) else { throw DatabaseError.misuse("the new product vanished") }
                return product
            }
        } catch let error as DatabaseError {
            throw Self.conflict(error) ?? error
        }
    }

    func ensureAvailable(sku: String?, name: String?, categoryID: Int?, excluding id: Int?) throws {
        if let sku, try session.fetchScalar("SELECT id FROM products WHERE sku = \(sku) AND id <> \(id ?? 0)", as: Int.self) != nil {
            throw HTTPError.conflict("Product with SKU \(sku) already exists")
        }
        if let name, try session.fetchScalar("""
            SELECT id FROM products WHERE name = \(name) AND COALESCE(category_id, 0) = \(categoryID ?? 0) AND id <> \(id ?? 0)
            """, as: Int.self) != nil {
            throw HTTPError.conflict("Product '\(name)' already exists in this category")
        }
    }

    /// `base` and its suffixed forms that products already use.
    func takenSlugs(_ base: String) throws -> [String] {
        try session.fetchAll("SELECT slug FROM products WHERE slug = \(base) OR slug LIKE \(Slug.suffixedPattern(base))", as: String.self)
    }

    /// The 409 of a uniqueness violation on products.
    static func conflict(_ error: DatabaseError) -> HTTPError? {
        guard case .uniqueViolation = error else { return nil }
        if error.constraintName?.contains("sku") == true { return .conflict("A product with this SKU already exists") }
        return .conflict("A product with this name already exists in this category")
    }

    func update(id: Int, name: String, description: String?, price: Money, sku: String, stockQuantity: Int,
                categoryID: Int?, isActive: Bool, now: Date) throws {
        do {
            try session.execute("""
                UPDATE products SET name = \(name), description = \(description), price_cents = \(price), sku = \(sku),
                    stock_quantity = \(stockQuantity), category_id = \(categoryID), is_active = \(isActive), updated_at = \(now)
                WHERE id = \(id)
                """)
        } catch let error as DatabaseError {
            throw Self.conflict(error) ?? error
        }
    }

    /// Deletes a product; while order items refer to it the foreign key refuses: 409.
    func delete(id: Int) throws -> Bool {
        if try session.fetchScalar("SELECT id FROM order_items WHERE product_id = \(id) LIMIT 1", as: Int.self) != nil {
            throw HTTPError.conflict("Product with id \(id) is referred to by orders and cannot be deleted")
        }
        do {
            return try session.execute("DELETE FROM products WHERE id = \(id)") > 0
        } catch let error as DatabaseError {
            if case .foreignKeyViolation = error {
                throw HTTPError.conflict("Product with id \(id) is referred to by orders and cannot be deleted")
            }
            throw error
        }
    }
}
