import Database
import FerryAPI
import FerryTesting
import Foundation
import HTTP
import Testing

/// `POST /posts/{id}/view`: one atomic increment per view.
@Suite struct PostViewTests {
    @Test(arguments: DatabaseBackend.allCases)
    func eachViewCountsOnceForWhoeverMaySeeThePost(_ backend: DatabaseBackend) throws {
        let app = try FerryTestApp(backend)
        let ada = try app.account("ada")
        let bob = try app.account("bob")
        let post = app.createPost(ada, "Popular").id
        let first = app.client.request(.post, "/posts/\(post)/view")
        #expect(first.status == 200 && first.json == ["view_count": 1])
        #expect(app.client.request(.post, "/posts/\(post)/view", headers: bob.auth).json == ["view_count": 2])
        #expect(app.client.get("/posts/\(post)").json["view_count"] == 2)

        let draft = app.createPost(ada, "Secret", status: "draft").id
        let hidden = app.client.request(.post, "/posts/\(draft)/view", headers: bob.auth)
        #expect(hidden.status == 404 && hidden.detail == .string("Post with id \(draft) not found"))
        #expect(app.client.request(.post, "/posts/\(draft)/view").status == 404)
        #expect(app.client.request(.post, "/posts/\(draft)/view", headers: ada.auth).json == ["view_count": 1])
        #expect(app.client.request(.post, "/posts/99999/view").status == 404)
    }

    @Test(arguments: DatabaseBackend.allCases)
    func concurrentViewsAreAllCounted(_ backend: DatabaseBackend) throws {
        let app = try FerryTestApp(backend)
        let ada = try app.account("ada")
        let post = app.createPost(ada, "Busy").id
        let threads = 8, perThread = 10
        let statuses = Shared<[Int]>([])
        for index in 0..<threads {
            Thread { [client = app.client, auth = ada.auth] in
                for _ in 0..<perThread {
                    // Half anonymous, half authenticated: both read before they write.
                    let response = client.request(.post, "/posts/\(post)/view", headers: index.isMultiple(of: 2) ? [] : auth)
                    statuses.update { $0.append(response.status) }
                }
            }.start()
        }
        #expect(TestEnvironment.wait(seconds: 60) { statuses.value.count == threads * perThread })
        #expect(statuses.value.allSatisfy { $0 == 200 }, "\(statuses.value.filter { $0 != 200 })")
        #expect(app.client.get("/posts/\(post)").json["view_count"] == .number(String(threads * perThread)))
    }
}
