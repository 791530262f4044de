import Database
import FerryTesting
import HTTP
import Testing

/// The tag counters that triggers keep (migration 4, `add_tag_post_counts`) against counting
/// the slow way, `COUNT(*)` over `post_tags` joined to `posts`, and against what the API answers.
struct TagCounterCheck {
    let pool: ConnectionPool

    /// The tags whose counters differ from a recount, described; empty when every one agrees.
    func drift() throws -> [String] {
        try pool.withConnection { connection in
            try connection.query("""
                SELECT t.name, t.published_post_count, t.all_post_count,
                    (SELECT COUNT(*) FROM post_tags pt JOIN posts p ON p.id = pt.post_id WHERE pt.tag_id = t.id AND p.status = 'published'),
                    (SELECT COUNT(*) FROM post_tags pt WHERE pt.tag_id = t.id)
                FROM tags t ORDER BY t.id
                """).compactMap { row in
                let kept = [try row.decode(Int.self, at: 1), try row.decode(Int.self, at: 2)]
                let counted = [try row.decode(Int.self, at: 3), try row.decode(Int.self, at: 4)]
                guard kept != counted else { return nil }
                return "\(try row.decode(String.self, at: 0)): kept published/all \(kept), counted \(counted)"
            }
        }
    }

    /// Each tag's posts that a caller may see, by name, counted: anonymous (`viewerID` nil),
    /// a user, or a superuser.
    func recount(viewerID: Int?, superuser: Bool = false) throws -> [String: Int] {
        try pool.withConnection { connection in
            let rows = try connection.query("""
                SELECT t.name, (
                    SELECT COUNT(*) FROM post_tags pt JOIN posts p ON p.id = pt.post_id
                    WHERE pt.tag_id = t.id AND (p.status = 'published' OR p.author_id = \(viewerID ?? 0) OR \(superuser))
                ) FROM tags t
                """)
            return Dictionary(uniqueKeysWithValues: try rows.map { (try $0.decode(String.self, at: 0), try $0.decode(Int.self, at: 1)) })
        }
    }

    /// `post_count` by tag name as `GET /tags` answers the caller.
    static func listed(_ client: TestClient, _ headers: [(String, String)] = []) -> [String: Int] {
        let tags = client.get("/tags", headers: headers).json.arrayValue ?? []
        return Dictionary(tags.map { ($0["name"]?.stringValue ?? "?", $0["post_count"]?.intValue ?? -1) }, uniquingKeysWith: { first, _ in first })
    }

    /// `post_count` by tag name as embedded in the caller's `GET /posts` (at most 100 posts);
    /// a tag embedded twice with different counts shows as -1.
    static func embedded(_ client: TestClient, _ headers: [(String, String)] = []) -> [String: Int] {
        var counts: [String: Int] = [:]
        for post in client.get("/posts?page_size=100", headers: headers).json["items"]?.arrayValue ?? [] {
            for tag in post["tags"]?.arrayValue ?? [] {
                let name = tag["name"]?.stringValue ?? "?", count = tag["post_count"]?.intValue ?? -1
                counts[name] = counts[name].map { $0 == count ? count : -1 } ?? count
            }
        }
        return counts
    }

    /// Every way the API shows counts agrees with the recount, for one caller; tags without a
    /// visible post are absent from `GET /posts` and answer 0 in `GET /tags`.
    func expectAPIAgrees(_ client: TestClient, viewerID: Int?, superuser: Bool = false, headers: [(String, String)] = [],
                         _ comment: Comment = "", sourceLocation: SourceLocation = #_sourceLocation) throws {
        let expected = try recount(viewerID: viewerID, superuser: superuser)
        #expect(Self.listed(client, headers) == expected, "GET /tags \(comment)", sourceLocation: sourceLocation)
        let embedded = Self.embedded(client, headers)
        #expect(embedded == expected.filter { embedded[$0.key] != nil }, "GET /posts \(comment)", sourceLocation: sourceLocation)
    }
}
