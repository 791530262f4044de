import FerryTesting
import HTTP
import Testing

extension FerryTestApp {
    /// Creates a post through the API as `author` and answers its JSON (the test fails on anything but 201).
    @discardableResult
    func createPost(
        _ author: Account, _ title: String, content: String = "Some content.", status: String = "published",
        tags: [String]? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) -> JSONValue {
        var body: [String: JSONValue] = ["title": .string(title), "content": .string(content), "status": .string(status)]
        if let tags { body["tags"] = .array(tags.map { .string($0) }) }
        let response = client.post("/posts", json: .object(body), headers: author.auth)
        #expect(response.status == 201, "\(response)", sourceLocation: sourceLocation)
        return response.json
    }
}

extension JSONValue {
    /// The ids of the items of a page envelope or of a plain list.
    var ids: [Int] { (self["items"]?.arrayValue ?? arrayValue ?? []).compactMap { $0["id"]?.intValue } }
    /// The titles of the items of a page envelope or of a plain list.
    var titles: [String] { (self["items"]?.arrayValue ?? arrayValue ?? []).compactMap { $0["title"]?.stringValue } }
    var id: Int { self["id"]?.intValue ?? -1 }
}
