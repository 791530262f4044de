import FerryTesting
@testable import HTTP
import Testing

struct DatabaseDown: HTTPResponseConvertible {
    var httpError: HTTPError? { HTTPError(.serviceUnavailable, "Database unavailable") }
}

struct SecretFailure: Error, CustomStringConvertible {
    var description: String { "SELECT password FROM users -- secret" }
}

struct Greeting: Codable, SchemaDescribed {
    let name: String
    let times: Int
    static let schema = JSONSchema.object(["name": .string(minLength: 1), "times": .integer(minimum: 1)], required: ["name", "times"])
}

@Suite struct ApplicationTests {
    let logs = LogCapture()

    func makeClient(accessLog: Bool = true) -> TestClient {
        var router = Router<Void>()
        router.on(.get, "/boom", RouteSpec(summary: "fails", responses: [])) { _, _ in throw SecretFailure() }
        router.on(.get, "/down", RouteSpec(summary: "db down", responses: [])) { _, _ in throw DatabaseDown() }
        router.on(.get, "/ok", RouteSpec(summary: "ok", responses: [])) { _, _ in try .json(["ok": true]) }
        router.on(.post, "/greet", RouteSpec(summary: "greet", body: .json(Greeting.self), responses: [])) { request, _ in
            let greeting = try request.decode(Greeting.self)
            return try .json(["text": String(repeating: "hi \(greeting.name) ", count: greeting.times)], status: .created)
        }
        return TestClient(responder: Application(router: router, logger: logs.logger(), accessLog: accessLog) { _ in () })
    }

    @Test func unexpectedErrorIs500WithNothingLeaked() {
        let response = makeClient().get("/boom")
        #expect(response.status == 500)
        #expect(response.json == ["detail": "Internal Server Error"])
        #expect(!response.text.contains("SELECT"))
        #expect(logs.messages.contains { $0.hasPrefix("error") && $0.contains("SELECT password") })
    }

    @Test func errorsThatKnowTheirAnswerKeepIt() {
        let response = makeClient().get("/down")
        #expect(response.status == 503)
        #expect(response.detail == "Database unavailable")
    }

    @Test func everyResponseIsJSONWithARequestID() {
        let client = makeClient()
        for path in ["/ok", "/missing", "/boom"] {
            let response = client.get(path)
            #expect(response.headers["content-type"] == "application/json")
            #expect(response.headers["x-request-id"]?.count == 16)
        }
    }

    @Test func aSaneClientRequestIDIsKeptAndAnUnsafeOneReplaced() {
        let client = makeClient()
        #expect(client.get("/ok", headers: [("X-Request-ID", "trace-123.a_b")]).headers["x-request-id"] == "trace-123.a_b")
        #expect(client.get("/ok", headers: [("X-Request-ID", "bad id\u{7}")]).headers["x-request-id"] != "bad id\u{7}")
    }

    @Test func generatedRequestIDsAreDistinctHexWithOneProcessPrefix() {
        let ids = (0..<10_000).map { _ in RequestIDMiddleware<Void>.generate() }
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.count == 16 && UInt64($0, radix: 16) != nil })
        #expect(Set(ids.map { $0.prefix(8) }).count <= 2)  // the low half may wrap once
    }

    @Test func oneAccessLogLinePerRequest() {
        let client = makeClient()
        let response = client.get("/ok")
        let id = response.headers["x-request-id"] ?? "?"
        let lines = logs.messages.filter { $0.contains("id=\(id)") }
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("info GET /ok 200 ") == true)
        #expect(lines.first?.contains("ms id=") == true)
    }

    @Test func noAccessLogLineWhenTurnedOffButErrorsStillLogged() {
        let client = makeClient(accessLog: false)
        let id = client.get("/ok").headers["x-request-id"] ?? "?"
        _ = client.get("/boom")
        #expect(!logs.messages.contains { $0.contains("id=\(id)") || $0.hasPrefix("info GET") })
        #expect(logs.messages.contains { $0.hasPrefix("error") && $0.contains("SELECT password") })
    }

    @Test func malformedJSONIs422JSONInvalid() {
        let response = makeClient().request(.post, "/greet", headers: [("Content-Type", "application/json")], body: Array("{\"name\": ".utf8))
        #expect(response.status == 422)
        #expect(response.detail?[0]?["type"] == "json_invalid")
        #expect(response.detail?[0]?["loc"] == ["body"])
    }

    @Test func everyFailingFieldIsListed() {
        let response = makeClient().post("/greet", json: ["name": "", "times": 0])
        #expect(response.status == 422)
        let locs = response.detail?.arrayValue?.compactMap { $0["loc"] } ?? []
        #expect(locs.count == 2)
        #expect(locs.contains(["body", "name"]) && locs.contains(["body", "times"]))
    }

    @Test func validBodyDecodesIntoTheType() {
        let response = makeClient().post("/greet", json: ["name": "Ada", "times": 2, "ignored": "yes"])
        #expect(response.status == 201)
        #expect(response.json["text"] == "hi Ada hi Ada ")
    }

    @Test func headAnswersWithoutABody() {
        let response = makeClient().request(.head, "/ok")
        #expect(response.status == 200)
        #expect(response.body.isEmpty)
    }
}
