import Database

/// Takes, on PostgreSQL, the tag row locks that the counter triggers (`AddTagPostCounts`) are
/// about to take, all at once and in tag id order. A trigger locks a tag when one of its links
/// changes, in whatever order its statement meets the links, and holds it until commit: two
/// writers meeting shared tags in opposite orders would deadlock (a 500 after a second's wait).
/// Locked in one order up front, they queue instead. SQLite runs one writer at a time and has
/// no row locks, so there it does nothing.
struct TagCounterLocks {
    let session: Session

    /// Locks the tags `tagIDs` and the tags of the posts matching `condition` (on `posts p`).
    func lock(tagIDs: [Int] = [], ofPostsWhere condition: SQL) throws {
        guard session.dialect == .postgresql else { return }
        _ = try session.fetchAll("""
            SELECT id FROM tags
            WHERE id IN \(list: tagIDs) OR id IN (SELECT pt.tag_id FROM post_tags pt JOIN posts p ON p.id = pt.post_id WHERE \(sql: condition))
            ORDER BY id FOR UPDATE
            """, as: Int.self)
    }
}
