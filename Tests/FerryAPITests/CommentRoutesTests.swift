import Database
import FerryAPI
import FerryTesting
import HTTP
import Testing

@Suite struct CommentRoutesTests {
    @Test(arguments: DatabaseBackend.allCases)
    func commentsAndRepliesOldestFirst(_ backend: DatabaseBackend) throws {
        let app = try FerryTestApp(backend)
        let ada = try app.account("ada")
        let bob = try app.account("bob")
        let post = app.createPost(ada, "Talk").id
        let created = app.client.post("/posts/\(post)/comments", json: ["content": "Nice post"], headers: bob.auth)
        #expect(created.status == 201)
        let top = created.json
        #expect(top["post_id"] == .number(String(post)) && top["user_id"] == .number(String(bob.id)))
        #expect(top["parent_id"] == .null && top["content"] == "Nice post" && top["created_at"]?.stringValue?.hasSuffix("Z") == true)
        let reply = app.client.post("/posts/\(post)/comments", json: ["content": "Thanks", "parent_id": .number(String(top.id))], headers: ada.auth)
        #expect(reply.status == 201 && reply.json["parent_id"] == .number(String(top.id)))
        let listed = app.client.get("/posts/\(post)/comments")
        #expect(listed.status == 200 && listed.json.ids == [top.id, reply.json.id])
        #expect(listed.json.arrayValue?.compactMap { $0["content"]?.stringValue } == ["Nice post", "Thanks"])
        #expect(app.client.get("/posts/99999/comments").status == 404)
    }

    @Test(arguments: DatabaseBackend.allCases)
    func aParentMustBeACommentOfTheSamePost(_ backend: DatabaseBackend) throws {
        let app = try FerryTestApp(backend)
        let ada = try app.account("ada")
        let first = app.createPost(ada, "First").id
        let second = app.createPost(ada, "Second").id
        let elsewhere = app.client.post("/posts/\(first)/comments", json: ["content": "on first"], headers: ada.auth).json.id
        let wrongPost = app.client.post("/posts/\(second)/comments", json: ["content": "x", "parent_id": .number(String(elsewhere))], headers: ada.auth)
        #expect(wrongPost.status == 400 && wrongPost.detail == .string("Parent comment \(elsewhere) is not a comment of post \(second)"))
        let missing = app.client.post("/posts/\(second)/comments", json: ["content": "x", "parent_id": 99999], headers: ada.auth)
        #expect(missing.status == 400)
        #expect(app.client.get("/posts/\(second)/comments").json == [], "a refused comment is not stored")
    }

    @Test(arguments: DatabaseBackend.allCases)
    func commentBodiesAreValidatedAndNeedAUser(_ backend: DatabaseBackend) throws {
        let app = try FerryTestApp(backend)
        let ada = try app.account("ada")
        let post = app.createPost(ada, "Talk").id
        #expect(app.client.post("/posts/\(post)/comments", json: ["content": "anonymous"]).status == 401)
        let empty = app.client.post("/posts/\(post)/comments", json: ["content": ""], headers: ada.auth)
        #expect(empty.status == 422 && empty.detail?[0]?["loc"] == ["body", "content"])
        let long = app.client.post("/posts/\(post)/comments", json: ["content": .string(String(repeating: "x", count: 5001))], headers: ada.auth)
        #expect(long.status == 422)
        #expect(app.client.post("/posts/\(post)/comments", json: ["content": .string(String(repeating: "x", count: 5000))], headers: ada.auth).status == 201)
        let badParent = app.client.post("/posts/\(post)/comments", json: ["content": "x", "parent_id": "one"], headers: ada.auth)
        #expect(badParent.status == 422 && badParent.detail?[0]?["loc"] == ["body", "parent_id"])
        #expect(app.client.post("/posts/\(post)/comments", json: ["content": "x", "parent_id": nil], headers: ada.auth).status == 201)
        #expect(app.client.post("/posts/99999/comments", json: ["content": "x"], headers: ada.auth).status == 404)
    }

    @Test(arguments: DatabaseBackend.allCases)
    func deleteByCommentAuthorPostAuthorOrSuperuserTakesReplies(_ backend: DatabaseBackend) throws {
        let app = try FerryTestApp(backend)
        let ada = try app.account("ada")
        let bob = try app.account("bob")
        let eve = try app.account("eve")
        let admin = try app.account("admin", superuser: true)
        let post = app.createPost(ada, "Talk").id
        func comment(_ account: FerryTestApp.Account, parent: Int? = nil) -> Int {
            var body: JSONValue = ["content": "c"]
            if let parent { body = ["content": "c", "parent_id": .number(String(parent))] }
            return app.client.post("/posts/\(post)/comments", json: body, headers: account.auth).json.id
        }
        let bobs = comment(bob)
        let reply = comment(eve, parent: bobs)
        let replyToReply = comment(bob, parent: reply)
        let other = comment(eve)

        let refused = app.client.delete("/comments/\(bobs)", headers: eve.auth)
        #expect(refused.status == 403)
        #expect(app.client.delete("/comments/\(bobs)").status == 401)
        #expect(app.client.delete("/comments/\(bobs)", headers: bob.auth).status == 204)
        // The whole thread under it went with it.
        #expect(app.client.get("/posts/\(post)/comments").json.ids == [other])
        #expect(app.client.delete("/comments/\(reply)", headers: admin.auth).status == 404)
        #expect(app.client.delete("/comments/\(replyToReply)", headers: admin.auth).status == 404)
        // The post's author may delete anyone's comment on it; so may a superuser.
        #expect(app.client.delete("/comments/\(other)", headers: ada.auth).status == 204)
        let last = comment(eve)
        #expect(app.client.delete("/comments/\(last)", headers: admin.auth).status == 204)
        let missing = app.client.delete("/comments/99999", headers: admin.auth)
        #expect(missing.status == 404 && missing.detail == "Comment with id 99999 not found")
    }

    @Test(arguments: DatabaseBackend.allCases)
    func aCommentOnAnInvisiblePostIsNotFoundButItsAuthorMayDeleteIt(_ backend: DatabaseBackend) throws {
        let app = try FerryTestApp(backend)
        let ada = try app.account("ada")
        let bob = try app.account("bob")
        let eve = try app.account("eve")
        let post = app.createPost(ada, "Soon hidden").id
        let bobs = app.client.post("/posts/\(post)/comments", json: ["content": "c"], headers: bob.auth).json.id
        let bobsSecond = app.client.post("/posts/\(post)/comments", json: ["content": "c2"], headers: bob.auth).json.id
        _ = app.client.send(.patch, "/posts/\(post)", json: ["status": "draft"], headers: ada.auth)
        #expect(app.client.delete("/comments/\(bobs)", headers: eve.auth).status == 404)
        #expect(app.client.delete("/comments/\(bobs)", headers: bob.auth).status == 204)
        #expect(app.client.get("/posts/\(post)/comments", headers: ada.auth).json.ids == [bobsSecond])
    }
}
