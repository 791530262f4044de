import Database

/// The total of an unfiltered `GET /posts` for one caller, read from the counters the database
/// keeps in `post_totals` (migration 5, `AddPostTotals`) instead of counting the posts on every
/// request: the published count for anonymous callers, the count of every status for a
/// superuser, and for a user the published count plus their own unpublished posts. Only that
/// last part is counted live, over the user's own unpublished posts (the
/// `posts (author_id, status)` index), so the statement does not grow with the number of posts.
struct PostTotal {
    let visibility: PostVisibility

    /// One statement answering the total as a single integer.
    var query: SQL {
        switch visibility.scope {
        case .published: "SELECT published_count FROM post_totals"
        case .all: "SELECT all_count FROM post_totals"
        case .publishedOrAuthor(let authorID):
            """
            SELECT published_count + (SELECT COUNT(*) FROM posts p WHERE p.author_id = \(authorID) AND p.status <> 'published')
            FROM post_totals
            """
        }
    }
}
