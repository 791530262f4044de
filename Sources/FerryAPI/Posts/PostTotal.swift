import Database

/// The total of an unfiltered `GET /posts` for one caller, read from the counters the database
/// keeps in `post_totals` (migration 5, `AddPostTotals`) instead of counting the posts on every
/// request: the published count for anonymous callers, the count of every status for a
/// superuser, and for a user the published count plus their own unpublished posts. Only that
/// last part is counted live, over the user's own unpublished posts (the
/// `posts (author_id, status)` index), so the statement does not grow with the number of posts.
/// A tag's page reads the same counts from that tag's counters on `tags` (migration 4).
struct PostTotal {
    let visibility: PostVisibility
    var tagID: Int?

    /// One statement answering the total as a single integer.
    var query: SQL {
        let (published, all, counters): (SQL, SQL, SQL) = if let tagID {
            ("published_post_count", "all_post_count", "tags WHERE id = \(tagID)")
        } else {
            ("published_count", "all_count", "post_totals")
        }
        switch visibility.scope {
        case .published: return "SELECT \(sql: published) FROM \(sql: counters)"
        case .all: return "SELECT \(sql: all) FROM \(sql: counters)"
        case .publishedOrAuthor(let authorID):
            let tagged: SQL = tagID.map { " AND p.id IN (SELECT ft.post_id FROM post_tags ft WHERE ft.tag_id = \($0))" } ?? .empty
            return """
                SELECT \(sql: published) + (SELECT COUNT(*) FROM posts p WHERE p.author_id = \(authorID) AND p.status <> 'published'\(sql: tagged))
                FROM \(sql: counters)
                """
        }
    }
}
