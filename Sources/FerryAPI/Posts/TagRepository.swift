import Database
import HTTP

/// Every SQL statement about tags. A tag's name is unique ignoring case: `name_key`
/// holds it lowercased, with a unique constraint.
struct TagRepository {
    let session: Session

    /// Names sort by code point on both databases (PostgreSQL's default collation would
    /// ignore punctuation and follow the server's locale).
    static let byteOrder: SQL = .dialect(sqlite: .empty, postgresql: " COLLATE \"C\"")

    /// The lowercase key a name is unique by.
    static func key(_ name: String) -> String { name.lowercased() }

    /// Every tag by name, each counting the posts carrying it that the caller may see
    /// (from the counters on `tags`: `TagPostCount`).
    func list(visibility: PostVisibility) throws -> [Tag] {
        let count = TagPostCount(visibility: visibility)
        return try session.fetchAll("""
            SELECT t.id, t.name, t.slug, \(sql: count.column)
            FROM tags t\(sql: count.join)
            ORDER BY t.name_key\(sql: Self.byteOrder), t.id
            """, as: Tag.self)
    }

    func find(slug: String) throws -> TagRecord? {
        try session.fetchOne("SELECT \(sql: SQL.columns(TagRecord.columns)) FROM tags WHERE slug = \(slug)", as: TagRecord.self)
    }

    func find(id: Int) throws -> TagRecord? {
        try session.fetchOne("SELECT \(sql: SQL.columns(TagRecord.columns)) FROM tags WHERE id = \(id)", as: TagRecord.self)
    }

    /// `POST /tags`: 409 when a tag of that name (in any case) exists, also when a
    /// concurrent request created it first.
    func create(name: String) throws -> Tag {
        if try session.fetchScalar("SELECT id FROM tags WHERE name_key = \(Self.key(name))", as: Int.self) != nil {
            throw Self.exists(name)
        }
        do {
            let tag = try insert(name: name)
            return Tag(id: tag.id, name: tag.name, slug: tag.slug, postCount: 0)
        } catch let error as DatabaseError where Self.isNameClash(error) {
            throw Self.exists(name)
        }
    }

    /// The ids of the tags named `names`, in order, creating the unknown ones. Names
    /// that differ only in case are one tag (the first spelling names a new one).
    func resolve(_ names: [String]) throws -> [Int] {
        var seen = Set<String>()
        let unique = names.filter { seen.insert(Self.key($0)).inserted }
        guard !unique.isEmpty else { return [] }
        let existing = try session.fetchAll(
            "SELECT id, name_key FROM tags WHERE name_key IN \(list: unique.map(Self.key))", as: (Int, String).self)
        var idsByKey = Dictionary(existing.map { ($0.1, $0.0) }, uniquingKeysWith: { first, _ in first })
        for name in unique where idsByKey[Self.key(name)] == nil {
            do {
                idsByKey[Self.key(name)] = try insert(name: name).id
            } catch let error as DatabaseError where Self.isNameClash(error) {
                // A concurrent request created it first: use theirs.
                guard let id = try session.fetchScalar("SELECT id FROM tags WHERE name_key = \(Self.key(name))", as: Int.self) else { throw error }
                idsByKey[Self.key(name)] = id
            }
        }
        return unique.compactMap { idsByKey[Self.key($0)] }
    }

    /// Inserts a tag with the first free slug (in a savepoint, retried on a slug clash).
    private func insert(name: String) throws -> TagRecord {
        let base = Slug.derive(from: name, fallback: "tag")
        return try Slug.withFreeSlug(base, session: session, taken: {
            try session.fetchAll("SELECT slug FROM tags WHERE slug = \(base) OR slug LIKE \(Slug.suffixedPattern(base))", as: String.self)
        }) { slug in
            guard let tag = try session.fetchOne("""
                INSERT INTO tags (name, name_key, slug) VALUES (\(name), \(Self.key(name)), \(slug)) RETURNING \(sql: SQL.columns(TagRecord.columns))
                """, as: TagRecord.self)
            else { throw DatabaseError.misuse("INSERT returned no row") }
            return tag
        }
    }

    /// Deletes the tag; posts lose it by `ON DELETE CASCADE` on `post_tags`.
    func delete(id: Int) throws -> Bool {
        try session.execute("DELETE FROM tags WHERE id = \(id)") > 0
    }

    static func isNameClash(_ error: DatabaseError) -> Bool {
        guard case .uniqueViolation = error else { return false }
        return error.constraintName?.contains("name_key") ?? false
    }

    static func exists(_ name: String) -> HTTPError { .conflict("Tag '\(name)' already exists") }
}
