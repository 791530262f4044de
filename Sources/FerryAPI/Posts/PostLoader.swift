import Database

/// Attaches tags to posts, like SQLAlchemy's `selectinload`: one statement for the whole
/// batch (an `IN` list), so a page of 100 posts costs what a page of 1 costs (authors come
/// with the posts' rows, `PostRecord`). Each tag's `post_count` counts the posts the caller may see, read in the same
/// statement as the tags from the counters on `tags` (`TagPostCount`).
struct PostLoader {
    let session: Session
    let visibility: PostVisibility

    private struct TagRow: RowDecodable {
        let postId: Int
        let id: Int
        let name: String
        let slug: String
        let postCount: Int

        static let columns: [StaticString] = ["post_id", "id", "name", "slug", "post_count"]

        init(row: inout RowReader) throws {
            postId = try row.next()
            id = try row.next()
            name = try row.next()
            slug = try row.next()
            postCount = try row.next()
        }
    }

    func load(_ records: [PostRecord]) throws -> [Post] {
        guard !records.isEmpty else { return [] }
        let postIDs = records.map(\.id)
        let count = TagPostCount(visibility: visibility)
        // CROSS JOIN keeps the page's links the outer loop on SQLite: with ANALYZE statistics
        // and a user's join beside it, SQLite would rather walk every tag in name order to skip
        // the sort. PostgreSQL plans it as the inner join it is.
        let tagRows = try session.fetchAll("""
            SELECT pt.post_id, t.id, t.name, t.slug, \(sql: count.column)
            FROM post_tags pt
            CROSS JOIN tags t\(sql: count.join)
            WHERE t.id = pt.tag_id AND pt.post_id IN \(list: postIDs)
            ORDER BY t.name_key\(sql: TagRepository.byteOrder), t.id
            """, as: TagRow.self)
        var tagsByPost: [Int: [Tag]] = [:]
        for row in tagRows {
            tagsByPost[row.postId, default: []].append(Tag(id: row.id, name: row.name, slug: row.slug, postCount: row.postCount))
        }
        return records.map { record in
            Post(record: record, author: PostAuthor(id: record.authorId, username: record.authorUsername),
                 tags: tagsByPost[record.id] ?? [])
        }
    }

    func load(_ record: PostRecord) throws -> Post {
        try load([record])[0]
    }
}
