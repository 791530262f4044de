import Database
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import HTTP

/// Every SQL statement about categories.
struct CategoryRepository {
    let session: Session

    static let columns = SQL.columns(Category.columns)

    func find(id: Int) throws -> Category? {
        try session.fetchOne("SELECT \(sql: Self.columns) FROM categories WHERE id = \(id)", as: Category.self)
    }

    func all() throws -> [Category] {
        try session.fetchAll("SELECT \(sql: Self.columns) FROM categories ORDER BY name, id", as: Category.self)
    }

    func children(of id: Int) throws -> [Category] {
        try session.fetchAll("SELECT \(sql: Self.columns) FROM categories WHERE parent_id = \(id) ORDER BY name, id", as: Category.self)
    }

    func activeProductCount(_ id: Int) throws -> Int {
        try session.fetchScalar("SELECT COUNT(*) FROM products WHERE category_id = \(id) AND is_active = \(true)", as: Int.self) ?? 0
    }

    func slugTaken(_ slug: String, excluding id: Int? = nil) throws -> Bool {
        try session.fetchScalar("SELECT id FROM categories WHERE slug = \(slug) AND id <> \(id ?? 0)", as: Int.self) != nil
    }

    /// `base` and its suffixed forms that categories already use.
    func takenSlugs(_ base: String) throws -> [String] {
        try session.fetchAll("SELECT slug FROM categories WHERE slug = \(base) OR slug LIKE \(Slug.suffixedPattern(base))", as: String.self)
    }

    func nameTaken(_ name: String, excluding id: Int? = nil) throws -> Bool {
        try session.fetchScalar("SELECT id FROM categories WHERE name = \(name) AND id <> \(id ?? 0)", as: Int.self) != nil
    }

    func insert(name: String, slug: String, description: String?, parentID: Int?, now: Date) throws -> Category {
        let sql: SQL = """
            INSERT INTO categories (name, slug, description, parent_id, created_at)
            VALUES (\(name), \(slug), \(description), \(parentID), \(now)) RETURNING \(sql: Self.columns)
            """
        guard let category = try session.fetchOne(sql, as: Category.self) else { throw DatabaseError.misuse("INSERT returned no row") }
        return category
    }

    func update(_ category: Category, name: String, slug: String, description: String?, parentID: Int?) throws -> Category {
        let sql: SQL = """
            UPDATE categories SET name = \(name), slug = \(slug), description = \(description), parent_id = \(parentID)
            WHERE id = \(category.id) RETURNING \(sql: Self.columns)
            """
        guard let updated = try session.fetchOne(sql, as: Category.self) else { throw HTTPError.notFound("Category with id \(category.id) not found") }
        return updated
    }

    /// True when `candidate` is `id` or one of its descendants (so it cannot become its parent).
    func isSelfOrDescendant(_ candidate: Int, of id: Int) throws -> Bool {
        var current: Int? = candidate
        var seen = Set<Int>()
        while let node = current, seen.insert(node).inserted {
            if node == id { return true }
            current = try session.fetchScalar("SELECT parent_id FROM categories WHERE id = \(node)", as: Int.self)
        }
        return false
    }

    func delete(id: Int) throws -> Bool {
        try session.execute("DELETE FROM categories WHERE id = \(id)") > 0
    }
}
