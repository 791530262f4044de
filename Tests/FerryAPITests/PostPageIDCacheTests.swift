import Database
@testable import FerryAPI
import FerryTesting
import Foundation
import HTTP
import Testing

/// A worker reuses the ids of a page of posts it has read (`PostPageIDCache`) only while the
/// database's list stamp (migration 7) says no post entered, left or moved in any list: for
/// each kind of write, the next page is read in full exactly when it must be, and always
/// equals a page read without the cache, for anonymous callers, an author and a superuser.
@Suite struct PostPageIDCacheTests {
    /// Three posts by ada (one a draft), three by bob (one a draft), and the three callers.
    struct Fixture {
        let app: FerryTestApp
        let ada: FerryTestApp.Account
        let bob: FerryTestApp.Account
        let posts: [String: Int]
        let callers: [(name: String, visibility: PostVisibility)]
        let cache = PostPageIDCache()

        init(_ backend: DatabaseBackend) throws {
            app = try FerryTestApp(backend)
            ada = try app.account("ada")
            bob = try app.account("bob")
            let admin = try app.account("admin", superuser: true)
            var posts: [String: Int] = [:]
            for (title, author, status) in [("a1", ada, "published"), ("b1", bob, "published"), ("a2", ada, "draft"),
                                            ("b2", bob, "draft"), ("a3", ada, "published"), ("b3", bob, "published")] {
                posts[title] = app.createPost(author, title, status: status, tags: ["river"]).id
            }
            self.posts = posts
            let session = app.pool.makeSession()
            defer { session.close() }
            let users = UserRepository(session: session)
            callers = [("anonymous", PostVisibility(nil)),
                       ("ada", PostVisibility(try #require(try users.find(id: ada.id)))),
                       ("admin", PostVisibility(try #require(try users.find(id: admin.id))))]
        }

        /// Page 1 and 2 of 2 posts as each caller, through the cache, in read-only sessions as
        /// a GET runs them: whether any read walked `OFFSET`, and each page's ids and titles.
        func pagesThroughCache() throws -> (walked: Bool, pages: [String]) {
            var walked = false
            var pages: [String] = []
            for caller in callers {
                for page in 1...2 {
                    let session = app.pool.makeSession(mode: .readOnly)
                    defer { session.close() }
                    let (records, total) = try PostRepository(session: session).list(
                        PostFilter(), visibility: caller.visibility, pagination: Pagination(page: page, pageSize: 2), pageIDs: cache)
                    walked = walked || session.statementLog.contains { $0.contains("OFFSET") }
                    pages.append("\(caller.name) \(page): \(records.map(\.title)) of \(total)")
                }
            }
            return (walked, pages)
        }

        /// The same pages read without a cache.
        func pagesRead() throws -> [String] {
            try callers.flatMap { caller in
                try (1...2).map { page in
                    let session = app.pool.makeSession(mode: .readOnly)
                    defer { session.close() }
                    let (records, total) = try PostRepository(session: session).list(
                        PostFilter(), visibility: caller.visibility, pagination: Pagination(page: page, pageSize: 2))
                    return "\(caller.name) \(page): \(records.map(\.title)) of \(total)"
                }
            }
        }

        /// After `change`, the cached pages are right, and were read in full iff `rereads`.
        func expectAfter(_ change: String, rereads: Bool, sourceLocation: SourceLocation = #_sourceLocation,
                         _ write: () throws -> Void) throws {
            _ = try pagesThroughCache()  // every page cached before the write
            try write()
            let (walked, pages) = try pagesThroughCache()
            #expect(walked == rereads, "\(change): read in full: \(walked)", sourceLocation: sourceLocation)
            #expect(pages == (try pagesRead()), "\(change)", sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: DatabaseBackend.allCases)
    func aCachedPageIsReadAgainExactlyWhenAWriteMovesAPost(_ backend: DatabaseBackend) throws {
        let fixture = try Fixture(backend)
        let app = fixture.app
        // The first read walks the index; the second reuses the ids.
        #expect(try fixture.pagesThroughCache().walked)
        let (walked, pages) = try fixture.pagesThroughCache()
        #expect(!walked)
        #expect(pages == (try fixture.pagesRead()))
        #expect(pages.first == "anonymous 1: [\"b3\", \"a3\"] of 4")

        // What a post shows changes, not where it is: the ids stay good.
        try fixture.expectAfter("a view", rereads: false) {
            #expect(app.client.get("/posts/\(fixture.posts["a3"] ?? 0)").status == 200)
        }
        try fixture.expectAfter("a new title", rereads: false) {
            let response = app.client.send(.patch, "/posts/\(fixture.posts["b3"] ?? 0)", json: ["title": "b3 renamed"], headers: fixture.bob.auth)
            #expect(response.status == 200, "\(response)")
        }
        try fixture.expectAfter("a draft archived", rereads: false) {
            let response = app.client.send(.patch, "/posts/\(fixture.posts["a2"] ?? 0)", json: ["status": "archived"], headers: fixture.ada.auth)
            #expect(response.status == 200, "\(response)")
        }
        try fixture.expectAfter("a post inserted and rolled back", rereads: false) {
            let session = app.pool.makeSession()
            defer { session.close() }
            try session.execute("""
                INSERT INTO posts (title, slug, content, status, view_count, author_id, created_at, updated_at)
                VALUES ('gone', 'gone', 'c', 'published', 0, \(fixture.ada.id), \(Date()), \(Date()))
                """)
            try session.rollback()
        }

        // A post enters, leaves or moves: every page is read again.
        try fixture.expectAfter("a new post", rereads: true) {
            app.createPost(fixture.bob, "b4")
        }
        try fixture.expectAfter("a draft published", rereads: true) {
            let response = app.client.send(.patch, "/posts/\(fixture.posts["b2"] ?? 0)", json: ["status": "published"], headers: fixture.bob.auth)
            #expect(response.status == 200, "\(response)")
        }
        try fixture.expectAfter("a post unpublished", rereads: true) {
            let response = app.client.send(.patch, "/posts/\(fixture.posts["a1"] ?? 0)", json: ["status": "draft"], headers: fixture.ada.auth)
            #expect(response.status == 200, "\(response)")
        }
        try fixture.expectAfter("a post deleted", rereads: true) {
            #expect(app.client.delete("/posts/\(fixture.posts["b1"] ?? 0)", headers: fixture.bob.auth).status == 204)
        }
        // Written by anyone, not through this worker: another host, or SQL by hand.
        try fixture.expectAfter("a post dated back by SQL", rereads: true) {
            try app.execute("UPDATE posts SET created_at = \(Date(timeIntervalSince1970: 0)) WHERE id = \(fixture.posts["a3"] ?? 0)")
        }
        try fixture.expectAfter("a post deleted by SQL", rereads: true) {
            try app.execute("DELETE FROM posts WHERE id = \(fixture.posts["a3"] ?? 0)")
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

    /// A full cache starts again instead of growing.
    @Test func theCacheHoldsAtMostItsCapacity() {
        let cache = PostPageIDCache()
        for offset in 0...PostPageIDCache.capacity {
            cache.store([offset], for: .init(scope: .published, pageSize: 1, offset: offset), stamp: 7)
        }
        #expect(cache.entry(for: .init(scope: .published, pageSize: 1, offset: 0)) == nil)
        #expect(cache.entry(for: .init(scope: .published, pageSize: 1, offset: PostPageIDCache.capacity))?.ids == [PostPageIDCache.capacity])
        // Another stamp replaces every entry of the old one.
        cache.store([1], for: .init(scope: .all, pageSize: 1, offset: 0), stamp: 8)
        #expect(cache.entry(for: .init(scope: .published, pageSize: 1, offset: PostPageIDCache.capacity)) == nil)
        #expect(cache.entry(for: .init(scope: .all, pageSize: 1, offset: 0))?.stamp == 8)
    }
}
