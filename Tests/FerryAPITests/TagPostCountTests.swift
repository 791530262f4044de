import Database
import FerryAPI
import FerryTesting
import Foundation
import HTTP
import Testing

/// `post_count` of tags, read from the counters the database keeps on `tags` (migration 4):
/// right for every kind of caller after each kind of write, on both databases.
@Suite struct TagPostCountTests {
    @Test(arguments: DatabaseBackend.allCases)
    func countsFollowCreatesTagReplacementAndStatusChanges(_ backend: DatabaseBackend) throws {
        let app = try FerryTestApp(backend)
        let ada = try app.account("ada"), bob = try app.account("bob"), admin = try app.account("admin", superuser: true)
        let check = TagCounterCheck(pool: app.pool)
        func expectCounts(anonymous: [String: Int], ada adaCounts: [String: Int], bob bobCounts: [String: Int],
                          admin adminCounts: [String: Int], _ step: Comment, sourceLocation: SourceLocation = #_sourceLocation) throws {
            #expect(TagCounterCheck.listed(app.client) == anonymous, "anonymous \(step)", sourceLocation: sourceLocation)
            #expect(TagCounterCheck.listed(app.client, ada.auth) == adaCounts, "ada \(step)", sourceLocation: sourceLocation)
            #expect(TagCounterCheck.listed(app.client, bob.auth) == bobCounts, "bob \(step)", sourceLocation: sourceLocation)
            #expect(TagCounterCheck.listed(app.client, admin.auth) == adminCounts, "admin \(step)", sourceLocation: sourceLocation)
            try check.expectAPIAgrees(app.client, viewerID: nil, step, sourceLocation: sourceLocation)
            try check.expectAPIAgrees(app.client, viewerID: ada.id, headers: ada.auth, step, sourceLocation: sourceLocation)
            try check.expectAPIAgrees(app.client, viewerID: bob.id, headers: bob.auth, step, sourceLocation: sourceLocation)
            try check.expectAPIAgrees(app.client, viewerID: admin.id, superuser: true, headers: admin.auth, step, sourceLocation: sourceLocation)
            #expect(try check.drift() == [], "\(step)", sourceLocation: sourceLocation)
        }

        let live = app.createPost(ada, "Live", tags: ["swift", "servers"]).id
        let draft = app.createPost(ada, "Draft", status: "draft", tags: ["swift"]).id
        // The answer to the create counts the new post already, for its author.
        #expect(app.createPost(bob, "Bob's", tags: ["swift"])["tags"]?[0]?["post_count"] == 2)
        app.createPost(bob, "Bob's archive", status: "archived", tags: ["servers"])
        try expectCounts(anonymous: ["swift": 2, "servers": 1], ada: ["swift": 3, "servers": 1],
                         bob: ["swift": 2, "servers": 2], admin: ["swift": 3, "servers": 2], "after the creates")

        // PUT replaces the tags: the draft leaves `swift`, joins `servers` and a new `rust`.
        let put = app.client.send(.put, "/posts/\(draft)", json: ["title": "Draft", "content": "c", "status": "draft", "tags": ["servers", "rust"]], headers: ada.auth)
        #expect(put.status == 200 && put.json["tags"]?.arrayValue?.compactMap { $0["post_count"]?.intValue } == [1, 2], "\(put)")
        try expectCounts(anonymous: ["swift": 2, "servers": 1, "rust": 0], ada: ["swift": 2, "servers": 2, "rust": 1],
                         bob: ["swift": 2, "servers": 2, "rust": 0], admin: ["swift": 2, "servers": 3, "rust": 1], "after PUT")

        // PATCH keeps `swift`, drops `servers`, adds `rust`: only the changed links move counters.
        #expect(app.client.send(.patch, "/posts/\(live)", json: ["tags": ["Swift", "rust"]], headers: ada.auth).status == 200)
        try expectCounts(anonymous: ["swift": 2, "servers": 0, "rust": 1], ada: ["swift": 2, "servers": 1, "rust": 2],
                         bob: ["swift": 2, "servers": 1, "rust": 1], admin: ["swift": 2, "servers": 2, "rust": 2], "after PATCH of tags")
        // A PATCH that leaves the tags alone, or names the same set again, changes nothing.
        #expect(app.client.send(.patch, "/posts/\(live)", json: ["title": "Live again"], headers: ada.auth).status == 200)
        #expect(app.client.send(.patch, "/posts/\(live)", json: ["tags": ["rust", "swift"]], headers: ada.auth).status == 200)
        try expectCounts(anonymous: ["swift": 2, "servers": 0, "rust": 1], ada: ["swift": 2, "servers": 1, "rust": 2],
                         bob: ["swift": 2, "servers": 1, "rust": 1], admin: ["swift": 2, "servers": 2, "rust": 2], "after PATCHes keeping the tags")

        // published -> draft: others stop seeing it; its author and the superuser still do.
        #expect(app.client.send(.patch, "/posts/\(live)", json: ["status": "draft"], headers: ada.auth).status == 200)
        let hidden = (anonymous: ["swift": 1, "servers": 0, "rust": 0], ada: ["swift": 2, "servers": 1, "rust": 2],
                      bob: ["swift": 1, "servers": 1, "rust": 0], admin: ["swift": 2, "servers": 2, "rust": 2])
        try expectCounts(anonymous: hidden.anonymous, ada: hidden.ada, bob: hidden.bob, admin: hidden.admin, "after published -> draft")
        // draft -> archived does not cross `published`.
        #expect(app.client.send(.patch, "/posts/\(live)", json: ["status": "archived"], headers: admin.auth).status == 200)
        try expectCounts(anonymous: hidden.anonymous, ada: hidden.ada, bob: hidden.bob, admin: hidden.admin, "after draft -> archived")
        // -> published again, by PUT with tags of the same set in another spelling.
        #expect(app.client.send(.put, "/posts/\(live)", json: ["title": "Live", "content": "c", "status": "published", "tags": ["RUST", "swift"]],
                                 headers: ada.auth).status == 200)
        try expectCounts(anonymous: ["swift": 2, "servers": 0, "rust": 1], ada: ["swift": 2, "servers": 1, "rust": 2],
                         bob: ["swift": 2, "servers": 1, "rust": 1], admin: ["swift": 2, "servers": 2, "rust": 2], "after -> published")
        // A PUT without tags removes them all.
        #expect(app.client.send(.put, "/posts/\(live)", json: ["title": "Live", "content": "c", "status": "published"], headers: ada.auth).status == 200)
        try expectCounts(anonymous: ["swift": 1, "servers": 0, "rust": 0], ada: ["swift": 1, "servers": 1, "rust": 1],
                         bob: ["swift": 1, "servers": 1, "rust": 0], admin: ["swift": 1, "servers": 2, "rust": 1], "after PUT without tags")
    }

    @Test(arguments: DatabaseBackend.allCases)
    func deletingPostsUsersAndTagsMovesTheCounters(_ backend: DatabaseBackend) throws {
        let app = try FerryTestApp(backend)
        let ada = try app.account("ada"), bob = try app.account("bob"), admin = try app.account("admin", superuser: true)
        let check = TagCounterCheck(pool: app.pool)
        let adaLive = app.createPost(ada, "Ada live", tags: ["one", "two"]).id
        let adaDraft = app.createPost(ada, "Ada draft", status: "draft", tags: ["one", "two"]).id
        app.createPost(bob, "Bob live", tags: ["one", "two", "three"])
        app.createPost(bob, "Bob draft", status: "draft", tags: ["one", "three"])
        #expect(TagCounterCheck.listed(app.client, admin.auth) == ["one": 4, "two": 3, "three": 2])

        #expect(app.client.delete("/posts/\(adaLive)", headers: ada.auth).status == 204)
        #expect(TagCounterCheck.listed(app.client) == ["one": 1, "two": 1, "three": 1])
        #expect(TagCounterCheck.listed(app.client, ada.auth) == ["one": 2, "two": 2, "three": 1])
        #expect(app.client.delete("/posts/\(adaDraft)", headers: admin.auth).status == 204)
        #expect(TagCounterCheck.listed(app.client, ada.auth) == ["one": 1, "two": 1, "three": 1])
        #expect(TagCounterCheck.listed(app.client, admin.auth) == ["one": 2, "two": 1, "three": 2])
        #expect(try check.drift() == [])

        // Deleting bob deletes his posts (cascade), and their links with them.
        #expect(app.client.delete("/users/\(bob.id)", headers: bob.auth).status == 204)
        #expect(TagCounterCheck.listed(app.client, admin.auth) == ["one": 0, "two": 0, "three": 0])
        #expect(try check.drift() == [])

        // Deleting a tag leaves the others' counters alone.
        app.createPost(ada, "Again", tags: ["one", "two"])
        app.createPost(ada, "Again, draft", status: "draft", tags: ["two", "three"])
        let one = try #require(app.client.get("/tags").json.arrayValue?.first { $0["name"] == "one" }?["id"]?.intValue)
        #expect(app.client.delete("/tags/\(one)", headers: admin.auth).status == 204)
        #expect(TagCounterCheck.listed(app.client) == ["two": 1, "three": 0])
        #expect(TagCounterCheck.listed(app.client, ada.auth) == ["two": 2, "three": 1])
        #expect(try check.drift() == [])
        try check.expectAPIAgrees(app.client, viewerID: ada.id, headers: ada.auth)
    }

    /// The counters are the database's own: writes in plain SQL keep them too, foreign-key
    /// cascades included (SQLite runs the child table's triggers for a cascade, as PostgreSQL does).
    @Test(arguments: DatabaseBackend.allCases)
    func plainSQLWritesAndCascadesKeepTheCounters(_ backend: DatabaseBackend) throws {
        let app = try FerryTestApp(backend)
        let ada = try app.account("ada"), bob = try app.account("bob")
        let check = TagCounterCheck(pool: app.pool)
        app.createPost(ada, "Tagged", tags: ["a", "b", "c"])
        app.createPost(ada, "Draft", status: "draft", tags: ["a", "b"])
        app.createPost(bob, "Bob's", tags: ["a", "c"])
        let bobsDraft = app.createPost(bob, "Bob's draft", status: "draft", tags: ["b"]).id
        func counters() throws -> [String: [Int]] {
            try app.pool.withConnection { connection in
                Dictionary(uniqueKeysWithValues: try connection.query("SELECT name, published_post_count, all_post_count FROM tags").map {
                    (try $0.decode(String.self, at: 0), [try $0.decode(Int.self, at: 1), try $0.decode(Int.self, at: 2)])
                })
            }
        }
        #expect(try counters() == ["a": [2, 3], "b": [1, 3], "c": [2, 2]])
        // Every post of ada at once, several crossing `published` in one statement.
        try app.execute("UPDATE posts SET status = CASE WHEN status = 'published' THEN 'draft' ELSE 'published' END WHERE author_id = \(ada.id)")
        #expect(try counters() == ["a": [2, 3], "b": [1, 3], "c": [1, 2]])
        // A link moved from one tag to another by UPDATE.
        try app.execute("UPDATE post_tags SET tag_id = (SELECT id FROM tags WHERE name = 'c') WHERE post_id = \(bobsDraft)")
        #expect(try counters() == ["a": [2, 3], "b": [1, 2], "c": [1, 3]])
        // users -> posts -> post_tags, two levels of ON DELETE CASCADE.
        try app.execute("DELETE FROM users WHERE id = \(bob.id)")
        #expect(try counters() == ["a": [1, 2], "b": [1, 2], "c": [0, 1]])
        #expect(try check.drift() == [])
        // tags -> post_tags: the links go, the other tags' counters stay.
        try app.execute("DELETE FROM tags WHERE name = 'a'")
        #expect(try counters() == ["b": [1, 2], "c": [0, 1]])
        try app.execute("DELETE FROM posts")
        #expect(try counters() == ["b": [0, 0], "c": [0, 0]])
        #expect(try check.drift() == [])
    }

    /// Many writes of every kind in a fixed pseudo-random order; after every few, the counters
    /// (and the post totals) equal a recount and every caller's API counts equal a recount of
    /// what they may see.
    @Test(arguments: DatabaseBackend.allCases)
    func aLongMixOfWritesKeepsCountersEqualToARecount(_ backend: DatabaseBackend) throws {
        let app = try FerryTestApp(backend)
        let admin = try app.account("admin", superuser: true)
        var users = try (0..<3).map { try app.account("writer\($0)") }
        let check = TagCounterCheck(pool: app.pool)
        // The post totals (migration 5) are checked along, against their own recount.
        let totals = PostTotalCheck(pool: app.pool)
        var state: UInt64 = 2026
        func random(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let statuses = ["draft", "published", "archived"]
        func randomTags() -> JSONValue {
            .array((0..<random(4)).map { _ in .string(["Red", "green", "BLUE", "cyan", "magenta", "yellow"][random(6)]) })
        }
        func posts() throws -> [(id: Int, author: Int)] {
            try app.pool.withConnection { try $0.query("SELECT id, author_id FROM posts ORDER BY id").map { (try $0.decode(Int.self, at: 0), try $0.decode(Int.self, at: 1)) } }
        }
        func auth(of authorID: Int) -> [(String, String)] { users.first { $0.id == authorID }?.auth ?? admin.auth }
        var created = 0
        for step in 1...160 {
            let existing = try posts()
            let target = existing.isEmpty ? nil : existing[random(existing.count)]
            switch (random(12), target) {
            case (0...3, _), (_, nil):
                let author = users[random(users.count)]
                created += 1
                let response = app.client.post("/posts", json: ["title": .string("Post \(created)"), "content": "c",
                                                                "status": .string(statuses[random(3)]), "tags": randomTags()], headers: author.auth)
                #expect(response.status == 201, "step \(step): \(response)")
            case (4, let post?):
                let response = app.client.send(.put, "/posts/\(post.id)", json: ["title": "Put", "content": "c",
                                                                                   "status": .string(statuses[random(3)]), "tags": randomTags()], headers: auth(of: post.author))
                #expect(response.status == 200, "step \(step): \(response)")
            case (5, let post?):
                let body: JSONValue = random(2) == 0 ? ["tags": randomTags()] : ["status": .string(statuses[random(3)])]
                #expect(app.client.send(.patch, "/posts/\(post.id)", json: body, headers: admin.auth).status == 200, "step \(step)")
            case (6, let post?):
                #expect(app.client.delete("/posts/\(post.id)", headers: auth(of: post.author)).status == 204, "step \(step)")
            case (7, let post?):
                try app.execute("UPDATE posts SET status = \(statuses[random(3)]) WHERE author_id = \(post.author)")
            case (8, _):
                let tags = app.client.get("/tags").json.arrayValue ?? []
                if !tags.isEmpty, random(3) == 0, let tag = tags[random(tags.count)]["id"]?.intValue {
                    #expect(app.client.delete("/tags/\(tag)", headers: admin.auth).status == 204, "step \(step)")
                }
            case (9, _) where random(4) == 0:
                let leaving = users.remove(at: random(users.count))
                #expect(app.client.delete("/users/\(leaving.id)", headers: leaving.auth).status == 204, "step \(step)")
                users.append(try app.account("writer\(step)"))
            default:
                let author = users[random(users.count)]
                created += 1
                app.createPost(author, "Post \(created)", status: statuses[random(3)], tags: ["Red", "cyan"])
            }
            guard step % 20 == 0 else { continue }
            #expect(try check.drift() == [], "step \(step)")
            #expect(try totals.drift() == [], "post totals, step \(step)")
            try check.expectAPIAgrees(app.client, viewerID: nil, "anonymous, step \(step)")
            try totals.expectAPIAgrees(app.client, viewerID: nil, "anonymous, step \(step)")
            try check.expectAPIAgrees(app.client, viewerID: admin.id, superuser: true, headers: admin.auth, "superuser, step \(step)")
            try totals.expectAPIAgrees(app.client, viewerID: admin.id, superuser: true, headers: admin.auth, "superuser, step \(step)")
            for user in users {
                try check.expectAPIAgrees(app.client, viewerID: user.id, headers: user.auth, "\(user.username), step \(step)")
                try totals.expectAPIAgrees(app.client, viewerID: user.id, headers: user.auth, "\(user.username), step \(step)")
            }
        }
        #expect(try posts().count >= 10, "the mix left posts to count")
    }

    /// Writers sharing tags at once, and users with tagged posts deleted meanwhile: on
    /// PostgreSQL each counter update locks its tag's row until commit, and every writer takes
    /// those locks in tag id order, so none deadlocks (a 500) and the counters end exact.
    @Test(arguments: DatabaseBackend.allCases)
    func concurrentWritersSharingTagsKeepExactCounts(_ backend: DatabaseBackend) throws {
        let app = try FerryTestApp(backend, pool: PoolOptions(size: 8, maxOverflow: 0))
        let ada = try app.account("ada"), bob = try app.account("bob")
        app.createPost(ada, "Seed", tags: ["alpha", "beta", "gamma", "delta"])
        // Users deleted meanwhile, whose posts' links a cascade would meet in no tag order.
        let leaving = try (0..<3).map { try app.account("leaving\($0)") }
        for user in leaving {
            for tags in [["gamma", "delta"], ["alpha", "beta"], ["delta", "alpha"]] {
                app.createPost(user, "\(user.username) \(tags)", tags: tags)
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
                // Half name the tags in one order, half in the other.
                let names: [JSONValue] = writer % 2 == 0 ? ["alpha", "beta", "gamma", "delta"] : ["delta", "gamma", "beta", "alpha"]
                for round in 0..<4 {
                    let created = client.post("/posts", json: ["title": .string("W\(writer) R\(round)"), "content": "c",
                                                               "status": "published", "tags": .array(names)], headers: auth)
                    var statuses = [created.status]
                    if let id = created.json["id"]?.intValue {
                        statuses.append(client.send(.patch, "/posts/\(id)", json: ["status": "draft"], headers: auth).status)
                        statuses.append(client.send(.patch, "/posts/\(id)", json: ["status": "published", "tags": .array(Array(names.prefix(2 + round % 3)))],
                                                    headers: auth).status)
                        if round == 3 { statuses.append(client.delete("/posts/\(id)", headers: auth).status) }
                    }
                    if statuses.contains(where: { $0 >= 300 }) { failures.update { $0.append("writer \(writer) round \(round): \(statuses)") } }
                }
                finished.update { $0 += 1 }
            }.start()
        }
        #expect(TestEnvironment.wait(seconds: 120) { finished.value == writers + 1 })
        #expect(failures.value == [])
        #expect(try TagCounterCheck(pool: app.pool).drift() == [])
        try TagCounterCheck(pool: app.pool).expectAPIAgrees(app.client, viewerID: nil)
        #expect(try PostTotalCheck(pool: app.pool).drift() == [])
    }
}
