import Database
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Every SQL statement about comments.
struct CommentRepository {
    let session: Session

    static let columns = SQL.columns(Comment.columns)

    /// The post's comments, oldest first.
    func list(postID: Int) throws -> [Comment] {
        try session.fetchAll(
            "SELECT \(sql: Self.columns) FROM comments WHERE post_id = \(postID) ORDER BY created_at, id", as: Comment.self)
    }

    func find(id: Int) throws -> Comment? {
        try session.fetchOne("SELECT \(sql: Self.columns) FROM comments WHERE id = \(id)", as: Comment.self)
    }

    func insert(postID: Int, userID: Int, parentID: Int?, content: String, now: Date) throws -> Comment {
        guard let comment = try session.fetchOne("""
            INSERT INTO comments (post_id, user_id, parent_id, content, created_at)
            VALUES (\(postID), \(userID), \(parentID), \(content), \(now))
            RETURNING \(sql: Self.columns)
            """, as: Comment.self)
        else { throw DatabaseError.misuse("INSERT returned no row") }
        return comment
    }

    /// Deletes the comment; its replies (and theirs) go by `ON DELETE CASCADE`.
    func delete(id: Int) throws {
        try session.execute("DELETE FROM comments WHERE id = \(id)")
    }
}
