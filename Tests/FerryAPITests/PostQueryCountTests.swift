import Database
import FerryAPI
import FerryTesting
import HTTP
import Logging
import Testing

/// No N+1: a list of posts loads its authors with its rows and its tags with one statement,
/// so a page of 100 runs as many statements as a page of 1.
@Suite struct PostQueryCountTests {
    @Test(arguments: DatabaseBackend.allCases)
    func aPageOfOneAndAPageOfAHundredRunTheSameStatements(_ backend: DatabaseBackend) throws {
        let app = try FerryTestApp(backend)
        let authors = try ["ada", "bob", "cyd"].map { try app.account($0) }
        for index in 0..<100 {
            app.createPost(authors[index % 3], "Post \(index)", content: "needle \(index)",
                           tags: ["common", "tag \(index % 7)", "solo \(index)"])
        }
        let client = CountingClient.make(app.pool)
        func statements(_ path: String, items: Int, sourceLocation: SourceLocation = #_sourceLocation) -> Int? {
            let response = client.get(path)
            #expect(response.status == 200, "\(path): \(response)", sourceLocation: sourceLocation)
            let found = response.json["items"]?.arrayValue ?? response.json.arrayValue ?? []
            #expect(found.count == items, "\(path)", sourceLocation: sourceLocation)
            // Every post arrives complete: author and its three tags, each with its count.
            #expect(found.allSatisfy { $0["author"]?["username"] != nil && $0["tags"]?.arrayValue?.count == 3 },
                    sourceLocation: sourceLocation)
            return response.headers["x-statement-count"].flatMap(Int.init)
        }
        let one = statements("/posts?page_size=1", items: 1)
        let hundred = statements("/posts?page_size=100", items: 100)
        // The page with its authors and total, its tags with their counts.
        #expect(one == 2 && hundred == 2, "\(client.get("/posts?page_size=100").headers["x-statements"] ?? "")")
        #expect(statements("/tags/common/posts?page_size=1", items: 1) == statements("/tags/common/posts?page_size=100", items: 100))
        // A tag's page reads its total from the tag's counter; nothing counts the tag's posts.
        let tagPage = client.get("/tags/common/posts?page_size=1").headers["x-statements"] ?? ""
        #expect(tagPage.contains("published_post_count FROM tags") && !tagPage.contains("COUNT(*)"), "\(tagPage)")
        #expect(statements("/posts/search?q=needle%2042", items: 1) == statements("/posts/search?q=needle", items: 20))
        // The counts embedded in the page are right, not only cheap.
        let first = client.get("/posts?page_size=1").json["items"]?[0]?["tags"]
        #expect(first?.arrayValue?.first { $0["name"] == "common" }?["post_count"] == 100)
        #expect(first?.arrayValue?.first { $0["name"] == "tag 1" }?["post_count"] == 15, "posts 1, 8, ..., 99")
    }
}
