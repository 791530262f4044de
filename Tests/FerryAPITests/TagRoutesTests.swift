import Database
import FerryAPI
import FerryTesting
import HTTP
import Testing

@Suite struct TagRoutesTests {
    @Test(arguments: DatabaseBackend.allCases)
    func createListAndUniqueNamesIgnoringCase(_ backend: DatabaseBackend) throws {
        let app = try FerryTestApp(backend)
        let ada = try app.account("ada")
        let created = app.client.post("/tags", json: ["name": "Café Society"], headers: ada.auth)
        #expect(created.status == 201)
        #expect(created.json["name"] == "Café Society" && created.json["slug"] == "cafe-society" && created.json["post_count"] == 0)
        #expect(created.json["id"]?.intValue ?? 0 >= 1)
        for name in ["café society", "CAFÉ SOCIETY"] {
            let duplicate = app.client.post("/tags", json: .object(["name": .string(name)]), headers: ada.auth)
            #expect(duplicate.status == 409 && duplicate.detail == .string("Tag '\(name)' already exists"), "\(name)")
        }
        // A different name with the same slug gets a suffix.
        #expect(app.client.post("/tags", json: ["name": "cafe society"], headers: ada.auth).json["slug"] == "cafe-society-2")
        #expect(app.client.post("/tags", json: ["name": "???"], headers: ada.auth).json["slug"] == "tag")
        #expect(app.client.post("/tags", json: ["name": "apple"], headers: ada.auth).status == 201)
        #expect(app.client.post("/tags", json: ["name": "Zebra"], headers: ada.auth).status == 201)
        #expect(app.client.post("/tags", json: ["name": "x"]).status == 401)
        #expect(app.client.post("/tags", json: ["name": ""], headers: ada.auth).status == 422)
        #expect(app.client.post("/tags", json: ["name": .string(String(repeating: "n", count: 51))], headers: ada.auth).status == 422)

        let listed = app.client.get("/tags")
        #expect(listed.status == 200)
        #expect(listed.json.arrayValue?.compactMap { $0["name"]?.stringValue } == ["???", "apple", "cafe society", "Café Society", "Zebra"])
        // A post naming an existing tag in another case uses it.
        let post = app.createPost(ada, "Tagged", tags: ["APPLE"])
        #expect(post["tags"]?[0]?["name"] == "apple" && post["tags"]?[0]?["post_count"] == 1)
        #expect(app.client.get("/tags").json.arrayValue?.count == 5)
    }

    @Test(arguments: DatabaseBackend.allCases)
    func tagPagesListVisiblePostsNewestFirst(_ backend: DatabaseBackend) throws {
        let app = try FerryTestApp(backend)
        let ada = try app.account("ada")
        let older = app.createPost(ada, "Older", tags: ["Topic"]).id
        _ = app.createPost(ada, "Untagged")
        let hidden = app.createPost(ada, "Hidden", status: "draft", tags: ["topic"]).id
        let newer = app.createPost(ada, "Newer", tags: ["topic"]).id
        let page = app.client.get("/tags/topic/posts?page_size=1")
        #expect(page.status == 200)
        #expect(page.json.ids == [newer] && page.json["total"] == 2 && page.json["total_pages"] == 2 && page.json["has_next"] == true)
        #expect(app.client.get("/tags/topic/posts?page=2&page_size=1").json.ids == [older])
        #expect(app.client.get("/tags/topic/posts", headers: ada.auth).json.ids == [newer, hidden, older])
        // Totals come from the tag's counters: published ones, plus the caller's own drafts, or all for a superuser.
        let bob = try app.account("bob")
        let admin = try app.account("admin", superuser: true)
        _ = app.createPost(bob, "Bob's draft", status: "draft", tags: ["topic"])
        #expect(app.client.get("/tags/topic/posts", headers: ada.auth).json["total"] == 3)
        #expect(app.client.get("/tags/topic/posts", headers: bob.auth).json["total"] == 3)
        #expect(app.client.get("/tags/topic/posts", headers: admin.auth).json["total"] == 4)
        #expect(app.client.get("/tags/topic/posts?page=9", headers: ada.auth).json["total"] == 3, "a page past the end")
        #expect(app.client.get("/tags/topic/posts").json["total"] == 2)
        #expect(page.json["items"]?[0]?["author"]?["username"] == "ada")
        let missing = app.client.get("/tags/nope/posts")
        #expect(missing.status == 404 && missing.detail == "Tag with slug nope not found")
        #expect(app.client.get("/tags/topic/posts?page_size=0").status == 422)
    }

    @Test(arguments: DatabaseBackend.allCases)
    func onlyASuperuserDeletesAndPostsLoseTheTag(_ backend: DatabaseBackend) throws {
        let app = try FerryTestApp(backend)
        let ada = try app.account("ada")
        let admin = try app.account("admin", superuser: true)
        let post = app.createPost(ada, "Tagged", tags: ["doomed", "kept"]).id
        let doomed = try #require(app.client.get("/tags").json[0]?["id"]?.intValue)
        #expect(app.client.delete("/tags/\(doomed)", headers: ada.auth).status == 403)
        #expect(app.client.delete("/tags/\(doomed)").status == 401)
        #expect(app.client.delete("/tags/\(doomed)", headers: admin.auth).status == 204)
        #expect(app.client.get("/posts/\(post)").json["tags"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["kept"])
        #expect(app.client.get("/tags").json.arrayValue?.count == 1)
        #expect(app.client.get("/tags/doomed/posts").status == 404)
        let missing = app.client.delete("/tags/\(doomed)", headers: admin.auth)
        #expect(missing.status == 404 && missing.detail == .string("Tag with id \(doomed) not found"))
        #expect(app.client.delete("/tags/abc", headers: admin.auth).status == 422)
    }
}
