import Database
import FerryAPI
import FerryTesting
import HTTP
import Testing

/// `GET /posts/search`: SQLite FTS5 and PostgreSQL tsvector, ranked, visible posts only.
@Suite struct PostSearchTests {
    @Test(arguments: DatabaseBackend.allCases)
    func ranksTitleMatchesFirstAndHidesWhatTheCallerMayNotSee(_ backend: DatabaseBackend) throws {
        let app = try FerryTestApp(backend)
        let ada = try app.account("ada")
        let bob = try app.account("bob")
        let inContent = app.createPost(ada, "Cooking", content: "A stew, with a mention of swift at the end.").id
        let inTitle = app.createPost(bob, "Swift concurrency", content: "Actors and tasks.").id
        let draft = app.createPost(ada, "Swift draft", content: "Unfinished swift notes.", status: "draft").id
        _ = app.createPost(bob, "Unrelated", content: "Nothing to see.")

        let anonymous = app.client.get("/posts/search?q=swift")
        #expect(anonymous.status == 200)
        #expect(anonymous.json.ids == [inTitle, inContent])
        #expect(anonymous.json[0]?["author"]?["username"] == "bob" && anonymous.json[0]?["tags"] == [])
        #expect(app.client.get("/posts/search?q=swift", headers: bob.auth).json.ids == [inTitle, inContent])
        #expect(Set(app.client.get("/posts/search?q=swift", headers: ada.auth).json.ids) == [inTitle, inContent, draft])
        // Every word must match; case does not matter.
        #expect(app.client.get("/posts/search?q=ACTORS%20swift").json.ids == [inTitle])
        #expect(app.client.get("/posts/search?q=actors%20stew").json == [])
        #expect(app.client.get("/posts/search?q=nowhere").json == [])
    }

    @Test(arguments: DatabaseBackend.allCases)
    func queryPunctuationIsNeverSyntax(_ backend: DatabaseBackend) throws {
        let app = try FerryTestApp(backend)
        let ada = try app.account("ada")
        let id = app.createPost(ada, "Quoting", content: "Say \"hello\" to everyone.").id
        for query in ["%22hello", "hello*", "hello%22)%20(", "(hello", "-hello", "hello:", "'hello'"] {
            let response = app.client.get("/posts/search?q=\(query)")
            #expect(response.status == 200 && response.json.ids == [id], "\(query): \(response)")
        }
        #expect(app.client.get("/posts/search?q=%22*()").json == [], "nothing but punctuation finds nothing")
        let missing = app.client.get("/posts/search")
        #expect(missing.status == 422 && missing.detail?[0]?["loc"] == ["query", "q"])
        #expect(app.client.get("/posts/search?q=").status == 422)
    }

    @Test(arguments: DatabaseBackend.allCases)
    func theIndexFollowsEditsAndDeletes(_ backend: DatabaseBackend) throws {
        let app = try FerryTestApp(backend)
        let ada = try app.account("ada")
        let id = app.createPost(ada, "Gardening", content: "Tomatoes.").id
        #expect(app.client.get("/posts/search?q=zucchini").json == [])
        _ = app.client.send(.patch, "/posts/\(id)", json: ["content": "Zucchini everywhere."], headers: ada.auth)
        #expect(app.client.get("/posts/search?q=zucchini").json.ids == [id])
        #expect(app.client.get("/posts/search?q=tomatoes").json == [])
        _ = app.client.send(.patch, "/posts/\(id)", json: ["title": "Marrows"], headers: ada.auth)
        #expect(app.client.get("/posts/search?q=marrows").json.ids == [id])
        #expect(app.client.get("/posts/search?q=gardening").json == [])
        // A view touches neither the index nor the ranking.
        _ = app.client.request(.post, "/posts/\(id)/view")
        #expect(app.client.get("/posts/search?q=marrows").json.ids == [id])
        #expect(app.client.delete("/posts/\(id)", headers: ada.auth).status == 204)
        #expect(app.client.get("/posts/search?q=marrows").json == [])
        if backend == .sqlite {
            // The FTS5 index itself is clean, not only filtered by the join.
            let indexed = try app.pool.withConnection { try $0.query("SELECT COUNT(*) FROM posts_fts WHERE posts_fts MATCH 'marrows'").first?.decode(Int.self, at: 0) }
            #expect(indexed == 0)
        }
    }

    @Test(arguments: DatabaseBackend.allCases)
    func answersAtMostTwenty(_ backend: DatabaseBackend) throws {
        let app = try FerryTestApp(backend)
        let ada = try app.account("ada")
        for index in 0..<23 { app.createPost(ada, "Common \(index)", content: "shared word") }
        let found = app.client.get("/posts/search?q=common").json
        #expect(found.arrayValue?.count == 20)
        #expect(app.client.get("/posts?search=common").json["total"] == 23)
    }
}
