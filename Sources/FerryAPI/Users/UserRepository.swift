import Database
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import HTTP

/// Every SQL statement about users. Values are always bound; column lists come from here.
struct UserRepository {
    let session: Session

    static let columns = SQL.columns(User.columns)
    static let newestFirst: SQL = "ORDER BY created_at DESC, id DESC"

    func find(id: Int) throws -> User? {
        try session.fetchOne(Self.byID(id), as: User.self)
    }

    /// `find(id:)` sent with the session's next statement; `user(_:)` reads its answer.
    func prefetch(id: Int) -> PrefetchedQuery {
        session.prefetch(Self.byID(id))
    }

    func user(_ lookup: PrefetchedQuery) throws -> User? {
        try session.rows(of: lookup).decodeFirst(User.self)
    }

    private static func byID(_ id: Int) -> SQL {
        "SELECT \(sql: columns) FROM users WHERE id = \(id)"
    }

    func find(email: String) throws -> User? {
        try session.fetchOne("SELECT \(sql: Self.columns) FROM users WHERE email = \(email.lowercased())", as: User.self)
    }

    /// The user a login names (by username, or by email) and their password hash.
    func credentials(login: String) throws -> (user: User, hashedPassword: String)? {
        let sql: SQL = "SELECT \(sql: Self.columns) FROM users WHERE username = \(login) OR email = \(login.lowercased()) ORDER BY id LIMIT 1"
        guard let user = try session.fetchOne(sql, as: User.self),
              let hash = try session.fetchScalar("SELECT hashed_password FROM users WHERE id = \(user.id)", as: String.self)
        else { return nil }
        return (user, hash)
    }

    func list(isActive: Bool?, search: String?, pagination: Pagination) throws -> Page<User> {
        var conditions: [SQL] = []
        if let isActive { conditions.append("is_active = \(isActive)") }
        if let search { conditions.append(Self.matching(search)) }
        let filter: SQL = conditions.isEmpty ? .empty : " WHERE " + SQL.joined(conditions, separator: " AND ")
        let total = try session.fetchScalar("SELECT COUNT(*) FROM users\(sql: filter)", as: Int.self) ?? 0
        let items = try session.fetchAll(
            "SELECT \(sql: Self.columns) FROM users\(sql: filter) \(sql: Self.newestFirst) LIMIT \(pagination.pageSize) OFFSET \(pagination.offset)",
            as: User.self)
        return Page(items: items, total: total, pagination: pagination)
    }

    func search(_ text: String, limit: Int) throws -> [User] {
        try session.fetchAll(
            "SELECT \(sql: Self.columns) FROM users WHERE \(sql: Self.matching(text)) \(sql: Self.newestFirst) LIMIT \(limit)", as: User.self)
    }

    /// Case-insensitive substring of username, email or full name.
    static func matching(_ text: String) -> SQL {
        LikePattern.anyColumn(["username", "email", "COALESCE(full_name, '')"], contains: text)
    }

    func insert(username: String, email: String, hashedPassword: String, fullName: String?, isSuperuser: Bool, now: Date) throws -> User {
        let sql: SQL = """
            INSERT INTO users (username, email, hashed_password, full_name, is_active, is_superuser, created_at, updated_at)
            VALUES (\(username), \(email.lowercased()), \(hashedPassword), \(fullName), \(true), \(isSuperuser), \(now), \(now))
            RETURNING \(sql: Self.columns)
            """
        guard let user = try session.fetchOne(sql, as: User.self) else { throw DatabaseError.misuse("INSERT returned no row") }
        return user
    }

    /// Applies `changes` to `user`; `hashedPassword` is set when the password changes.
    func update(_ user: User, with changes: UserUpdate, hashedPassword: String?, now: Date) throws -> User {
        let sql: SQL = """
            UPDATE users SET username = \(changes.username.applied(to: user.username) ?? user.username),
                email = \(changes.email.applied(to: user.email) ?? user.email),
                full_name = \(changes.fullName.applied(to: user.fullName)), bio = \(changes.bio.applied(to: user.bio)),
                is_active = \(changes.isActive.applied(to: user.isActive) ?? user.isActive),
                hashed_password = COALESCE(\(hashedPassword), hashed_password), updated_at = \(now)
            WHERE id = \(user.id)
            RETURNING \(sql: Self.columns)
            """
        guard let updated = try session.fetchOne(sql, as: User.self) else { throw HTTPError.notFound("User with id \(user.id) not found") }
        return updated
    }

    /// Deletes the user; their posts, comments and orders go by `ON DELETE CASCADE`. The tags of
    /// their posts are locked first, in order, as the posts' tag counters are about to change.
    func delete(id: Int) throws -> Bool {
        try TagCounterLocks(session: session).lock(ofPostsWhere: "p.author_id = \(id)")
        return try session.execute("DELETE FROM users WHERE id = \(id)") > 0
    }

    func deactivate(id: Int, now: Date) throws {
        try session.execute("UPDATE users SET is_active = \(false), updated_at = \(now) WHERE id = \(id)")
    }

    func countActive() throws -> Int {
        try session.fetchScalar("SELECT COUNT(*) FROM users WHERE is_active = \(true)", as: Int.self) ?? 0
    }

    /// Deactivates active users, superusers excepted, not updated since `cutoff`.
    func deactivateStale(notUpdatedSince cutoff: Date, now: Date) throws -> Int {
        try session.execute("""
            UPDATE users SET is_active = \(false), updated_at = \(now)
            WHERE is_active = \(true) AND is_superuser = \(false) AND updated_at < \(cutoff)
            """)
    }

    func deleteInactive() throws -> Int {
        try TagCounterLocks(session: session).lock(ofPostsWhere: "p.author_id IN (SELECT id FROM users WHERE is_active = \(false))")
        return try session.execute("DELETE FROM users WHERE is_active = \(false)")
    }
}
