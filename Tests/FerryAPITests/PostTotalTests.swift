import Database
import FerryAPI
import FerryTesting
import Foundation
import HTTP
import Testing

/// `total` of an unfiltered `GET /posts`, read from the counters the database keeps in
/// `post_totals` (migration 5): right for every kind of caller after each kind of write, on
/// both databases.
@Suite struct PostTotalTests {
    @Test(arguments: DatabaseBackend.allCases)
    func totalsFollowCreatesStatusChangesAndDeletes(_ backend: DatabaseBackend) throws {
        let app = try FerryTestApp(backend)
        let ada = try app.account("ada"), bob = try app.account("bob"), admin = try app.account("admin", superuser: true)
        let check = PostTotalCheck(pool: app.pool)
        func expectTotals(anonymous: Int, ada adaTotal: Int, bob bobTotal: Int, admin adminTotal: Int,
                          _ step: Comment, sourceLocation: SourceLocation = #_sourceLocation) throws {
            #expect(PostTotalCheck.listed(app.client) == anonymous, "anonymous \(step)", sourceLocation: sourceLocation)
            #expect(PostTotalCheck.listed(app.client, ada.auth) == adaTotal, "ada \(step)", sourceLocation: sourceLocation)
            #expect(PostTotalCheck.listed(app.client, bob.auth) == bobTotal, "bob \(step)", sourceLocation: sourceLocation)
            #expect(PostTotalCheck.listed(app.client, admin.auth) == adminTotal, "admin \(step)", sourceLocation: sourceLocation)
            try check.expectAPIAgrees(app.client, viewerID: nil, step, sourceLocation: sourceLocation)
            try check.expectAPIAgrees(app.client, viewerID: ada.id, headers: ada.auth, step, sourceLocation: sourceLocation)
            try check.expectAPIAgrees(app.client, viewerID: bob.id, headers: bob.auth, step, sourceLocation: sourceLocation)
            try check.expectAPIAgrees(app.client, viewerID: admin.id, superuser: true, headers: admin.auth, step, sourceLocation: sourceLocation)
            #expect(try check.drift() == [], "\(step)", sourceLocation: sourceLocation)
        }
        try expectTotals(anonymous: 0, ada: 0, bob: 0, admin: 0, "with no post")

        let live = app.createPost(ada, "Live").id
        let draft = app.createPost(ada, "Draft", status: "draft").id
        app.createPost(bob, "Bob's")
        let archive = app.createPost(bob, "Bob's archive", status: "archived").id
        try expectTotals(anonymous: 2, ada: 3, bob: 3, admin: 4, "after the creates")
        // Filters still count: the counters only answer the unfiltered list.
        #expect(PostTotalCheck.listed(app.client, ada.auth, query: "status=draft") == 1)
        #expect(PostTotalCheck.listed(app.client, admin.auth, query: "author_id=\(bob.id)") == 2)
        #expect(PostTotalCheck.listed(app.client, query: "author_id=\(bob.id)") == 1)

        // published -> draft: others stop seeing it; its author and the superuser still do.
        #expect(app.client.send(.patch, "/posts/\(live)", json: ["status": "draft"], headers: ada.auth).status == 200)
        try expectTotals(anonymous: 1, ada: 3, bob: 2, admin: 4, "after published -> draft")
        // draft -> archived does not cross `published`.
        #expect(app.client.send(.patch, "/posts/\(live)", json: ["status": "archived"], headers: admin.auth).status == 200)
        try expectTotals(anonymous: 1, ada: 3, bob: 2, admin: 4, "after draft -> archived")
        // -> published by PUT; an edit keeping the status changes nothing.
        #expect(app.client.send(.put, "/posts/\(live)", json: ["title": "Live", "content": "c", "status": "published"], headers: ada.auth).status == 200)
        #expect(app.client.send(.patch, "/posts/\(live)", json: ["title": "Live again"], headers: ada.auth).status == 200)
        try expectTotals(anonymous: 2, ada: 3, bob: 3, admin: 4, "after -> published")

        #expect(app.client.delete("/posts/\(draft)", headers: ada.auth).status == 204)
        try expectTotals(anonymous: 2, ada: 2, bob: 3, admin: 3, "after deleting a draft")
        #expect(app.client.delete("/posts/\(live)", headers: admin.auth).status == 204)
        try expectTotals(anonymous: 1, ada: 1, bob: 2, admin: 2, "after deleting a published post")

        // Deleting bob deletes his posts by cascade.
        app.createPost(ada, "Ada's draft", status: "draft")
        #expect(app.client.send(.patch, "/posts/\(archive)", json: ["status": "published"], headers: bob.auth).status == 200)
        try expectTotals(anonymous: 2, ada: 3, bob: 2, admin: 3, "before deleting bob")
        #expect(app.client.delete("/users/\(bob.id)", headers: bob.auth).status == 204)
        #expect(PostTotalCheck.listed(app.client) == 0)
        #expect(PostTotalCheck.listed(app.client, ada.auth) == 1)
        #expect(PostTotalCheck.listed(app.client, admin.auth) == 1)
        #expect(try check.drift() == [])
        try check.expectAPIAgrees(app.client, viewerID: ada.id, headers: ada.auth)
    }

    /// The counters are the database's own: writes in plain SQL keep them too, cascades and
    /// several rows per statement included, and (PostgreSQL, where they run at commit) a post
    /// written several times in one transaction, even deleted before the commit.
    @Test(arguments: DatabaseBackend.allCases)
    func plainSQLWritesCascadesAndTransactionsKeepTheTotals(_ backend: DatabaseBackend) throws {
        let app = try FerryTestApp(backend)
        let ada = try app.account("ada"), bob = try app.account("bob")
        let check = PostTotalCheck(pool: app.pool)
        func totals() throws -> [Int] {
            try app.pool.withConnection { connection in
                let row = try connection.query("SELECT published_count, all_count FROM post_totals").first
                return [try row?.decode(Int.self, at: 0) ?? -1, try row?.decode(Int.self, at: 1) ?? -1]
            }
        }
        for (index, status) in ["published", "draft", "published", "archived"].enumerated() {
            app.createPost(index % 2 == 0 ? ada : bob, "Post \(index)", status: status)
            app.createPost(bob, "Bob \(index)", status: status)
        }
        #expect(try totals() == [4, 8])
        try app.execute("UPDATE posts SET status = CASE WHEN status = 'published' THEN 'draft' ELSE 'published' END WHERE author_id = \(ada.id)")
        #expect(try totals() == [2, 8], "ada's two published posts become drafts")
        try app.pool.withConnection { connection in
            try connection.executeScript("""
                BEGIN;
                INSERT INTO posts (title, slug, content, status, author_id, created_at, updated_at)
                    SELECT 'Brief', 'brief', 'c', 'published', id, created_at, created_at FROM users WHERE username = 'ada';
                UPDATE posts SET status = 'draft' WHERE slug = 'brief';
                UPDATE posts SET status = 'published' WHERE slug = 'brief';
                DELETE FROM posts WHERE slug = 'brief';
                INSERT INTO posts (title, slug, content, status, author_id, created_at, updated_at)
                    SELECT 'Kept', 'kept', 'c', 'draft', id, created_at, created_at FROM users WHERE username = 'ada';
                UPDATE posts SET status = 'published' WHERE slug = 'kept';
                COMMIT
                """)
        }
        #expect(try totals() == [3, 9])
        #expect(try check.drift() == [])
        // users -> posts by ON DELETE CASCADE.
        try app.execute("DELETE FROM users WHERE id = \(bob.id)")
        #expect(try check.drift() == [])
        try app.execute("DELETE FROM posts")
        #expect(try totals() == [0, 0])
        #expect(try check.drift() == [])
    }

    /// Writers at once, with and without shared tags, status changes, deletes and users deleted
    /// meanwhile: on PostgreSQL every writer locks the one `post_totals` row, at commit, after
    /// the tags (`TagCounterLocks`), so none deadlocks (a 500) and the totals end exact.
    @Test(arguments: DatabaseBackend.allCases)
    func concurrentWritersKeepExactTotals(_ backend: DatabaseBackend) throws {
        let app = try FerryTestApp(backend, pool: PoolOptions(size: 8, maxOverflow: 0))
        let ada = try app.account("ada"), bob = try app.account("bob")
        let leaving = try (0..<3).map { try app.account("leaving\($0)") }
        for user in leaving {
            for (index, tags) in [["gamma", "delta"], ["alpha", "beta"], ["delta", "alpha"]].enumerated() {
                app.createPost(user, "\(user.username) \(index)", status: index == 1 ? "draft" : "published", tags: tags)
            }
        }
        let failures = Shared<[String]>([])
        let finished = Shared(0)
        let writers = 6
        Thread { [client = app.client, leaving = leaving.map { ($0.id, $0.auth) }] in
            for (id, auth) in leaving {
                let status = client.delete("/users/\(id)", headers: auth).status
                if status != 204 { failures.update { $0.append("deleting user \(id): \(status)") } }
            }
            finished.update { $0 += 1 }
        }.start()
        for writer in 0..<writers {
            Thread { [client = app.client, auth = (writer % 2 == 0 ? ada : bob).auth] in
                // A third without tags, the rest naming shared tags in opposite orders.
                let names: [JSONValue] = switch writer % 3 {
                case 0: []
                case 1: ["alpha", "beta", "gamma", "delta"]
                default: ["delta", "gamma", "beta", "alpha"]
                }
                for round in 0..<5 {
                    let created = client.post("/posts", json: ["title": .string("W\(writer) R\(round)"), "content": "c",
                                                               "status": round % 2 == 0 ? "published" : "draft", "tags": .array(names)], headers: auth)
                    var statuses = [created.status]
                    if let id = created.json["id"]?.intValue {
                        statuses.append(client.send(.patch, "/posts/\(id)", json: ["status": "archived"], headers: auth).status)
                        statuses.append(client.send(.patch, "/posts/\(id)", json: ["status": "published"], headers: auth).status)
                        statuses.append(client.get("/posts?page_size=5", headers: auth).status)
                        if round % 2 == 1 { statuses.append(client.delete("/posts/\(id)", headers: auth).status) }
                    }
                    if statuses.contains(where: { $0 >= 300 }) { failures.update { $0.append("writer \(writer) round \(round): \(statuses)") } }
                }
                finished.update { $0 += 1 }
            }.start()
        }
        #expect(TestEnvironment.wait(seconds: 120) { finished.value == writers + 1 })
        #expect(failures.value == [])
        let check = PostTotalCheck(pool: app.pool)
        #expect(try check.drift() == [])
        #expect(try TagCounterCheck(pool: app.pool).drift() == [])
        try check.expectAPIAgrees(app.client, viewerID: nil)
        try check.expectAPIAgrees(app.client, viewerID: ada.id, headers: ada.auth)
        #expect(PostTotalCheck.listed(app.client) == writers * 3)
    }
}
