import Database
import FerryTesting
import HTTP
import Testing

/// The post totals that triggers keep (migration 5, `add_post_totals`) against counting the
/// slow way, `COUNT(*)` over `posts`, and against the `total` the API answers.
struct PostTotalCheck {
    let pool: ConnectionPool

    /// How the kept totals differ from a recount, described; empty when they agree (and the
    /// table holds its one row).
    func drift() throws -> [String] {
        try pool.withConnection { connection in
            let rows = try connection.query("""
                SELECT published_count, all_count,
                    (SELECT COUNT(*) FROM posts WHERE status = 'published'), (SELECT COUNT(*) FROM posts)
                FROM post_totals
                """).map { row in
                ([try row.decode(Int.self, at: 0), try row.decode(Int.self, at: 1)], [try row.decode(Int.self, at: 2), try row.decode(Int.self, at: 3)])
            }
            guard rows.count == 1, let (kept, counted) = rows.first else { return ["post_totals holds \(rows.count) rows"] }
            return kept == counted ? [] : ["kept published/all \(kept), counted \(counted)"]
        }
    }

    /// The posts a caller may see, counted: anonymous (`viewerID` nil), a user, or a superuser.
    func recount(viewerID: Int?, superuser: Bool = false) throws -> Int {
        try pool.withConnection { connection in
            try connection.query("""
                SELECT COUNT(*) FROM posts p WHERE p.status = 'published' OR p.author_id = \(viewerID ?? 0) OR \(superuser)
                """).first?.decode(Int.self, at: 0) ?? -1
        }
    }

    /// `total` of the caller's unfiltered `GET /posts`.
    static func listed(_ client: TestClient, _ headers: [(String, String)] = [], query: String = "page_size=1") -> Int {
        client.get("/posts?\(query)", headers: headers).json["total"]?.intValue ?? -1
    }

    /// The API's total agrees with the recount for one caller, on a first page and past the last.
    func expectAPIAgrees(_ client: TestClient, viewerID: Int?, superuser: Bool = false, headers: [(String, String)] = [],
                         _ comment: Comment = "", sourceLocation: SourceLocation = #_sourceLocation) throws {
        let expected = try recount(viewerID: viewerID, superuser: superuser)
        #expect(Self.listed(client, headers) == expected, "GET /posts \(comment)", sourceLocation: sourceLocation)
        #expect(Self.listed(client, headers, query: "page=1000&page_size=20") == expected, "GET /posts past the end \(comment)",
                sourceLocation: sourceLocation)
    }
}
