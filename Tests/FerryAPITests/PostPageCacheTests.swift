import Database
@testable import FerryAPI
import FerryTesting
import Foundation
import HTTP
import Testing

/// A worker serves a page of posts it has built (`PostPageCache`) only while the database's
/// page stamp (migration 7) says nothing the page shows has changed but view counts: for
/// each kind of write, the next page is built anew exactly when it must be, and is always,
/// byte for byte, the page built without the cache, for anonymous callers, an author and a
/// superuser.
@Suite struct PostPageCacheTests {
    /// Three posts by ada (one a draft), three by bob (one a draft), and the three callers.
    struct Fixture {
        let app: FerryTestApp
        let ada: FerryTestApp.Account
        let bob: FerryTestApp.Account
        let admin: FerryTestApp.Account
        let posts: [String: Int]
        let callers: [(name: String, user: User?)]
        let cache = PostPageCache()

        init(_ backend: DatabaseBackend) throws {
            app = try FerryTestApp(backend)
            ada = try app.account("ada")
            bob = try app.account("bob")
            admin = try app.account("admin", superuser: true)
            var posts: [String: Int] = [:]
            for (title, author, status, tag) in [("a1", ada, "published", "river"), ("b1", bob, "published", "sea"),
                                                 ("a2", ada, "draft", "river"), ("b2", bob, "draft", "sea"),
                                                 ("a3", ada, "published", "sea"), ("b3", bob, "published", "river")] {
                posts[title] = app.createPost(author, title, status: status, tags: [tag, "boats"]).id
            }
            self.posts = posts
            let session = app.pool.makeSession()
            defer { session.close() }
            let users = UserRepository(session: session)
            callers = [("anonymous", nil), ("ada", try users.find(id: ada.id)), ("admin", try users.find(id: admin.id))]
        }

        /// Pages 1 and 2 of 2 posts as each caller, in read-only sessions as a GET runs them,
        /// through `cache` if given: each page's JSON, and whether any was built (walked `OFFSET`).
        func pages(through cache: PostPageCache?) throws -> (built: Bool, json: [String]) {
            var built = false
            var json: [String] = []
            for caller in callers {
                for page in 1...2 {
                    let context = AppContext(requestID: "test", session: app.pool.makeSession(mode: .readOnly))
                    defer { context.session.close() }
                    if let user = caller.user { context.identify(as: user) }
                    let result = try PostRoutes.page(PostFilter(), Pagination(page: page, pageSize: 2), context, cache: cache)
                    built = built || context.session.statementLog.contains { $0.contains("OFFSET") }
                    json.append("\(caller.name): " + String(decoding: try JSONCoding.encode(result), as: UTF8.self))
                }
            }
            return (built, json)
        }

        /// After `write`, the cached pages are the pages built now, and were built anew iff `rebuilt`.
        func expectAfter(_ change: String, rebuilt: Bool, sourceLocation: SourceLocation = #_sourceLocation,
                         _ write: () throws -> Void) throws {
            _ = try pages(through: cache)  // every page cached before the write
            try write()
            let (built, json) = try pages(through: cache)
            #expect(built == rebuilt, "\(change): built anew: \(built)", sourceLocation: sourceLocation)
            #expect(json == (try pages(through: nil).json), "\(change)", sourceLocation: sourceLocation)
        }

        func patch(_ path: String, _ json: JSONValue, as account: FerryTestApp.Account, sourceLocation: SourceLocation = #_sourceLocation) {
            let response = app.client.send(.patch, path, json: json, headers: account.auth)
            #expect(response.status == 200, "\(response)", sourceLocation: sourceLocation)
        }

        func post(_ title: String) -> Int { posts[title] ?? 0 }
    }

    @Test(arguments: DatabaseBackend.allCases)
    func aCachedPageIsBuiltAgainExactlyWhenWhatItShowsChanges(_ backend: DatabaseBackend) throws {
        let fixture = try Fixture(backend)
        let app = fixture.app
        // The first read builds the pages; the second serves them.
        #expect(try fixture.pages(through: fixture.cache).built)
        let (built, json) = try fixture.pages(through: fixture.cache)
        #expect(!built)
        #expect(json == (try fixture.pages(through: nil).json))
        #expect(json.first?.contains("\"title\":\"b3\"") == true && json.first?.contains("\"total\":4") == true, "\(json)")

        // Only view counts change, read fresh: the pages stay.
        try fixture.expectAfter("views", rebuilt: false) {
            #expect(app.client.request(.post, "/posts/\(fixture.post("a3"))/view").json == ["view_count": 1])
            #expect(app.client.request(.post, "/posts/\(fixture.post("b1"))/view").json == ["view_count": 1])
        }
        try fixture.expectAfter("another view", rebuilt: false) {
            #expect(app.client.request(.post, "/posts/\(fixture.post("a3"))/view").json == ["view_count": 2])
        }
        // A cached post's count is written into its JSON where the member is, not where text
        // that looks like it is.
        try fixture.expectAfter("content that looks like a view count", rebuilt: true) {
            fixture.patch("/posts/\(fixture.post("a3"))", ["content": #"x","view_count":99,"y":"\"view_count\":7"#], as: fixture.ada)
        }
        try fixture.expectAfter("a view of that post", rebuilt: false) {
            #expect(app.client.request(.post, "/posts/\(fixture.post("a3"))/view").json == ["view_count": 3])
        }
        try fixture.expectAfter("an email changed", rebuilt: false) {
            fixture.patch("/users/\(fixture.ada.id)", ["email": "ada@example.org"], as: fixture.ada)
        }
        try fixture.expectAfter("a post inserted and rolled back", rebuilt: false) {
            let session = app.pool.makeSession()
            defer { session.close() }
            try session.execute("""
                INSERT INTO posts (title, slug, content, status, view_count, author_id, created_at, updated_at)
                VALUES ('gone', 'gone', 'c', 'published', 0, \(fixture.ada.id), \(Date()), \(Date()))
                """)
            try session.rollback()
        }

        // Anything else a page shows: built anew.
        try fixture.expectAfter("a new title", rebuilt: true) {
            fixture.patch("/posts/\(fixture.post("b3"))", ["title": "b3 renamed"], as: fixture.bob)
        }
        try fixture.expectAfter("a draft archived", rebuilt: true) {
            fixture.patch("/posts/\(fixture.post("a2"))", ["status": "archived"], as: fixture.ada)
        }
        try fixture.expectAfter("a post's tags", rebuilt: true) {
            fixture.patch("/posts/\(fixture.post("a3"))", ["tags": ["sea", "harbour"]], as: fixture.ada)
        }
        try fixture.expectAfter("a username", rebuilt: true) {
            fixture.patch("/users/\(fixture.bob.id)", ["username": "robert"], as: fixture.bob)
        }
        try fixture.expectAfter("a tag renamed by SQL", rebuilt: true) {
            try app.execute("UPDATE tags SET name = 'Boats!' WHERE slug = 'boats'")
        }
        let harbour = try app.pool.withConnection { try $0.query("SELECT id FROM tags WHERE slug = 'harbour'").first?.decode(Int.self, at: 0) }
        try fixture.expectAfter("a tag deleted", rebuilt: true) {
            #expect(app.client.delete("/tags/\(harbour ?? 0)", headers: fixture.admin.auth).status == 204)
        }
        try fixture.expectAfter("a new post", rebuilt: true) {
            app.createPost(fixture.bob, "b4", tags: ["river"])
        }
        try fixture.expectAfter("a draft published", rebuilt: true) {
            fixture.patch("/posts/\(fixture.post("b2"))", ["status": "published"], as: fixture.bob)
        }
        try fixture.expectAfter("a post deleted", rebuilt: true) {
            #expect(app.client.delete("/posts/\(fixture.post("b1"))", headers: fixture.bob.auth).status == 204)
        }
        // Written by anyone, not through this worker: another host, or SQL by hand.
        try fixture.expectAfter("a post dated back by SQL", rebuilt: true) {
            try app.execute("UPDATE posts SET created_at = \(Date(timeIntervalSince1970: 0)) WHERE id = \(fixture.post("a3"))")
        }
        try fixture.expectAfter("a post deleted by SQL", rebuilt: true) {
            try app.execute("DELETE FROM posts WHERE id = \(fixture.post("a3"))")
        }
    }

    /// Through the API: the worker's cache serves a page after a write from elsewhere as it is.
    @Test(arguments: DatabaseBackend.allCases)
    func aPageThroughTheAPIShowsAPostWrittenElsewhere(_ backend: DatabaseBackend) throws {
        let fixture = try Fixture(backend)
        let app = fixture.app
        let before = app.client.get("/posts?page_size=2").json.titles
        #expect(before == ["b3", "a3"] && app.client.get("/posts?page_size=2").json.titles == before)
        try app.execute("""
            INSERT INTO posts (title, slug, content, status, view_count, author_id, created_at, updated_at)
            VALUES ('elsewhere', 'elsewhere', 'c', 'published', 0, \(fixture.bob.id), \(Date().addingTimeInterval(60)), \(Date()))
            """)
        let after = app.client.get("/posts?page_size=2").json
        #expect(after.titles == ["elsewhere", "b3"] && after["total"]?.intValue == 5, "\(after)")
    }

    /// The application serves a repeated page from its cache, and builds it every time with
    /// `POST_PAGE_CACHE=off`.
    @Test(arguments: [true, false])
    func theCacheServesRepeatedPagesUnlessSwitchedOff(_ enabled: Bool) throws {
        let fixture = try Fixture(.sqlite)
        var configuration = Configuration.testing
        configuration.postPageCache = enabled
        #expect(try Configuration.load(from: ["JWT_SECRET": String(repeating: "k", count: 32), "POST_PAGE_CACHE": enabled ? "on" : "off"])
            .postPageCache == enabled)
        let client = CountingClient.make(fixture.app.pool, configuration: configuration)
        let first = client.get("/posts?page=2&page_size=2")
        let second = client.get("/posts?page=2&page_size=2")
        #expect(first.status == 200 && second.body == first.body && second.json.titles == ["b1", "a1"], "\(second)")
        #expect(first.headers["x-statements"]?.contains("OFFSET") == true)
        #expect(second.headers["x-statements"]?.contains("OFFSET") == !enabled, "\(second.headers["x-statements"] ?? "")")
        #expect(second.headers["x-statement-count"] == (enabled ? "1" : "2"))
    }

    /// A full cache starts again instead of growing; another stamp replaces every entry.
    @Test func theCacheHoldsAtMostItsCapacity() throws {
        let app = try FerryTestApp(.sqlite)
        let ada = try app.account("ada")
        let id = app.createPost(ada, "Long", content: String(repeating: "x", count: 100_000)).id
        let session = app.pool.makeSession()
        defer { session.close() }
        let record = try #require(try PostRepository(session: session).find(id: id, visibility: .everything))
        let post = Post(record: record, author: PostAuthor(id: ada.id, username: "ada"), tags: [])
        let cache = PostPageCache()
        let pages = PostPageCache.capacity / 100_000 + 1
        for offset in 0..<pages {
            _ = try cache.store([post], for: .init(scope: .published, pageSize: 1, offset: offset), stamp: 7)
        }
        #expect(cache.entry(for: .init(scope: .published, pageSize: 1, offset: 0)) == nil)
        #expect(cache.entry(for: .init(scope: .published, pageSize: 1, offset: pages - 1))?.posts.count == 1)
        _ = try cache.store([post], for: .init(scope: .all, pageSize: 1, offset: 0), stamp: 8)
        #expect(cache.entry(for: .init(scope: .published, pageSize: 1, offset: pages - 1)) == nil)
        #expect(cache.entry(for: .init(scope: .all, pageSize: 1, offset: 0))?.stamp == 8)
    }
}
