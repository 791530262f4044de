import Database

/// A tag's `post_count` for one caller, read from the counters the database keeps on `tags`
/// (migration 4, `AddTagPostCounts`) instead of counting `post_tags` joined to `posts` on
/// every request: the published count for anonymous callers, the count of every status for a
/// superuser, and for a user the published count plus their own unpublished posts carrying
/// the tag. Only that last part is counted live, once per statement, over the user's own
/// unpublished posts (the `posts (author_id, status)` index), so no statement grows with the
/// number of posts a tag has.
struct TagPostCount {
    let visibility: PostVisibility

    /// Goes right after the tags aliased `t` in a FROM clause: the caller's own unpublished
    /// posts per tag, for a user; nothing for anyone else.
    var join: SQL {
        guard case .publishedOrAuthor(let authorID) = visibility.scope else { return .empty }
        return """
             LEFT JOIN (
                SELECT own_links.tag_id, COUNT(*) AS post_count
                FROM posts own_posts JOIN post_tags own_links ON own_links.post_id = own_posts.id
                WHERE own_posts.author_id = \(authorID) AND own_posts.status <> 'published'
                GROUP BY own_links.tag_id
            ) own ON own.tag_id = t.id
            """
    }

    /// The count, as the column `post_count`.
    var column: SQL {
        switch visibility.scope {
        case .published: "t.published_post_count AS post_count"
        case .all: "t.all_post_count AS post_count"
        case .publishedOrAuthor: "t.published_post_count + COALESCE(own.post_count, 0) AS post_count"
        }
    }
}
