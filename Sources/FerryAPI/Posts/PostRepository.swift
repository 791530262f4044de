import Database
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import HTTP

/// Every SQL statement about posts. Reads take the caller's `PostVisibility`, so what
/// the caller may not see is never loaded; values are always bound.
struct PostRepository {
    let session: Session

    static let newestFirst: SQL = "ORDER BY p.created_at DESC, p.id DESC"

    func find(id: Int, visibility: PostVisibility, locking: Bool = false) throws -> PostRecord? {
        try session.fetchOne("""
            SELECT \(sql: PostRecord.selected) FROM posts p WHERE p.id = \(id) AND \(sql: visibility.condition)\(sql: locking ? .forUpdate : .empty)
            """, as: PostRecord.self)
    }

    func find(slug: String, visibility: PostVisibility) throws -> PostRecord? {
        try session.fetchOne(
            "SELECT \(sql: PostRecord.selected) FROM posts p WHERE p.slug = \(slug) AND \(sql: visibility.condition)", as: PostRecord.self)
    }

    /// One page of visible posts matching `filter`, newest first, how many there are, and the
    /// page stamp read with them (`AddPostPageStamp`): without a filter the total is read from
    /// the counters the database keeps (`PostTotal`), with one it is counted. The total rides
    /// on every row of the page (a subquery run once), so a page is one statement; only a page
    /// past the end asks for the total on its own.
    func list(_ filter: PostFilter, visibility: PostVisibility, pagination: Pagination) throws
        -> (records: [PostRecord], total: Int, pageStamp: Int64) {
        let filters = filter.conditions()
        let whereClause = SQL.joined([visibility.condition] + filters, separator: " AND ")
        let totalQuery: SQL = if filters.isEmpty || filter.onlyTagID != nil {
            PostTotal(visibility: visibility, tagID: filter.onlyTagID).query
        } else {
            "SELECT COUNT(*) FROM posts p WHERE \(sql: whereClause)"
        }
        // The page's ids first, from the index alone (OFFSET skips index entries, not whole
        // rows), then only those rows. On PostgreSQL as an array: a cached generic plan
        // cannot know the page is 20 rows and would hash-join a scan of every post.
        let pageIDs = Self.pageIDs(where: whereClause, pagination)
        let onThePage: SQL = session.dialect == .postgresql ? "p.id = ANY(ARRAY(\(sql: pageIDs)))" : "p.id IN (\(sql: pageIDs))"
        let rows = try session.fetchAll("""
            SELECT \(sql: PostRecord.selected), (\(sql: totalQuery)) AS total, (SELECT page_stamp FROM post_totals) AS page_stamp
            FROM posts p WHERE \(sql: onThePage) \(sql: Self.newestFirst)
            """, as: PageRow.self)
        guard let first = rows.first else { return ([], try session.fetchScalar(totalQuery, as: Int.self) ?? 0, 0) }
        return (rows.map(\.record), first.total, first.pageStamp)
    }

    /// For a page built at `stamp` (`PostPageCache`): each post's view count now and the
    /// unfiltered list's total, or nil when the stamp has changed since (then the page must be
    /// built again). No visibility condition: an unchanged stamp says the posts were visible
    /// then and still are, and on SQLite it would walk the status index instead of reading
    /// the rows by id.
    func freshCounts(ofPage ids: [Int], visibility: PostVisibility, stamp: Int64) throws -> (viewCounts: [Int: Int], total: Int)? {
        let rows = try session.fetchAll("""
            SELECT p.id, p.view_count, (\(sql: PostTotal(visibility: visibility).query)) AS total
            FROM posts p WHERE p.id IN \(list: ids) AND (SELECT page_stamp FROM post_totals) = \(stamp)
            """, as: ViewCountRow.self)
        guard rows.count == ids.count else { return nil }
        return (Dictionary(uniqueKeysWithValues: rows.map { ($0.id, $0.viewCount) }), rows[0].total)
    }

    /// A cached page's post, counted now (a struct: a tuple's metadata is looked up at run time).
    private struct ViewCountRow: RowDecodable {
        let id: Int
        let viewCount: Int
        let total: Int

        static let columns: [StaticString] = ["id", "view_count", "total"]

        init(row: inout RowReader) throws {
            id = try row.next()
            viewCount = try row.next()
            total = try row.next()
        }
    }

    /// The ids of one page of the posts matching `condition`, newest first.
    static func pageIDs(where condition: SQL, _ pagination: Pagination) -> SQL {
        "SELECT p.id FROM posts p WHERE \(sql: condition) \(sql: newestFirst) LIMIT \(pagination.pageSize) OFFSET \(pagination.offset)"
    }

    /// A post of a page, the total of the list it belongs to and the page stamp.
    private struct PageRow: RowDecodable {
        let record: PostRecord
        let total: Int
        let pageStamp: Int64

        static let columns = PostRecord.columns + ["total", "page_stamp"]

        init(row: inout RowReader) throws {
            record = try PostRecord(row: &row)
            total = try row.next()
            pageStamp = try row.next()
        }
    }

    /// Every visible post of `authorID`, newest first.
    func all(authorID: Int, visibility: PostVisibility) throws -> [PostRecord] {
        try session.fetchAll("""
            SELECT \(sql: PostRecord.selected) FROM posts p WHERE p.author_id = \(authorID) AND \(sql: visibility.condition) \(sql: Self.newestFirst)
            """, as: PostRecord.self)
    }

    /// Visible posts matching every word of `text`, most relevant first: FTS5's bm25 on
    /// SQLite, `ts_rank` over the weighted `search_vector` on PostgreSQL; a title match
    /// weighs more than a content match on both.
    func search(_ text: String, visibility: PostVisibility, limit: Int) throws -> [PostRecord] {
        let words = Self.searchWords(text)
        guard !words.isEmpty else { return [] }
        let sqlite: SQL = """
            SELECT \(sql: PostRecord.selected) FROM posts_fts JOIN posts p ON p.id = posts_fts.rowid
            WHERE posts_fts MATCH \(Self.ftsQuery(words)) AND \(sql: visibility.condition)
            ORDER BY bm25(posts_fts, 10.0, 1.0), p.created_at DESC, p.id DESC LIMIT \(limit)
            """
        let postgresql: SQL = """
            SELECT \(sql: PostRecord.selected) FROM posts p, plainto_tsquery('english', \(words.joined(separator: " "))) query
            WHERE p.search_vector @@ query AND \(sql: visibility.condition)
            ORDER BY ts_rank(p.search_vector, query) DESC, p.created_at DESC, p.id DESC LIMIT \(limit)
            """
        return try session.fetchAll(.dialect(sqlite: sqlite, postgresql: postgresql), as: PostRecord.self)
    }

    /// The words of a search: runs of letters and digits. Everything else (quotes,
    /// operators, `*`) is a separator, so no input is taken as query syntax.
    static func searchWords(_ text: String) -> [String] {
        text.split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }

    /// An FTS5 query requiring every word, each a quoted string (a word holds no quote).
    static func ftsQuery(_ words: [String]) -> String {
        words.map { "\"\($0)\"" }.joined(separator: " ")
    }

    /// Slugs of other posts that `base` could clash with.
    func takenSlugs(_ base: String, excluding id: Int? = nil) throws -> [String] {
        try session.fetchAll("""
            SELECT slug FROM posts WHERE (slug = \(base) OR slug LIKE \(Slug.suffixedPattern(base))) AND id <> \(id ?? 0)
            """, as: String.self)
    }

    func insert(title: String, slug: String, content: String, status: PostStatus, authorID: Int, now: Date) throws -> PostRecord {
        let sql: SQL = """
            INSERT INTO posts (title, slug, content, status, view_count, author_id, published_at, created_at, updated_at)
            VALUES (\(title), \(slug), \(content), \(status.rawValue), 0, \(authorID), \(status == .published ? now : nil), \(now), \(now))
            RETURNING \(sql: PostRecord.returned)
            """
        guard let record = try session.fetchOne(sql, as: PostRecord.self) else { throw DatabaseError.misuse("INSERT returned no row") }
        return record
    }

    /// Writes the new fields; `published_at` is set only if the post was never published.
    func update(id: Int, title: String, slug: String, content: String, status: PostStatus, now: Date) throws -> PostRecord {
        let sql: SQL = """
            UPDATE posts SET title = \(title), slug = \(slug), content = \(content), status = \(status.rawValue),
                published_at = COALESCE(published_at, \(status == .published ? now : nil)), updated_at = \(now)
            WHERE id = \(id)
            RETURNING \(sql: PostRecord.returned)
            """
        guard let record = try session.fetchOne(sql, as: PostRecord.self) else { throw HTTPError.notFound("Post with id \(id) not found") }
        return record
    }

    /// Counts a view in one statement, so concurrent views never overwrite each other;
    /// nil when the post is missing or invisible.
    func recordView(id: Int, visibility: PostVisibility) throws -> Int? {
        try session.fetchScalar("""
            UPDATE posts SET view_count = view_count + 1
            WHERE id = \(id) AND \(sql: visibility.condition(status: "status", author: "author_id"))
            RETURNING view_count
            """, as: Int.self)
    }

    /// Deletes the post; its comments go by `ON DELETE CASCADE`, its tag links by a trigger
    /// that keeps the tags' counters (`AddTagPostCounts`); a trigger moves the post totals
    /// (`AddPostTotals`).
    func delete(id: Int) throws {
        try session.execute("DELETE FROM posts WHERE id = \(id)")
    }

    /// Replaces the post's tags with `tagIDs`, writing only the links that change: each link
    /// written moves its tag's counters (a trigger, `AddTagPostCounts`), which on PostgreSQL
    /// locks the tag's row until commit, so an edit that keeps its tags changes no counter.
    /// Every tag involved is locked first, in id order (`TagCounterLocks`), also the ones a
    /// status change of the post would touch if it comes after in the same transaction.
    func setTags(postID: Int, tagIDs: [Int]) throws {
        let wanted = Set(tagIDs).sorted()
        try TagCounterLocks(session: session).lock(tagIDs: wanted, ofPostsWhere: "p.id = \(postID)")
        // With no tag wanted, `NOT IN` the empty list holds for every link (see `SQL`): all go.
        try session.execute("DELETE FROM post_tags WHERE post_id = \(postID) AND tag_id NOT IN \(list: wanted)")
        guard !wanted.isEmpty else { return }
        let rows = wanted.map { tagID -> SQL in "(\(postID), \(tagID))" }
        try session.execute("""
            INSERT INTO post_tags (post_id, tag_id) VALUES \(sql: SQL.joined(rows, separator: ", "))
            ON CONFLICT (post_id, tag_id) DO NOTHING
            """)
    }
}
