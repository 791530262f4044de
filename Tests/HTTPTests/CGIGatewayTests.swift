@testable import HTTP
import Testing

/// A body source that counts what was read, to prove a refused body is not read.
struct CountingBodySource: RequestBodySource {
    var inner: BytesBodySource
    var bytesRead = 0
    init(_ bytes: [UInt8]) { inner = BytesBodySource(bytes) }
    mutating func read(upTo count: Int) -> [UInt8] {
        let chunk = inner.read(upTo: count)
        bytesRead += chunk.count
        return chunk
    }
}

/// Echoes what the gateway built, so tests see the Request.
struct EchoResponder: Responder {
    func respond(to request: Request) -> Response {
        if let rejection = request.rejection { return .detail(rejection.detail, status: rejection.status) }
        let echo: JSONValue = [
            "method": .string(request.method.rawValue), "path": .string(request.path),
            "search": .string(request.query["search"] ?? ""), "type": .string(request.contentType ?? ""),
            "agent": .string(request.headers["user-agent"] ?? ""), "body": .string(String(decoding: request.body, as: UTF8.self)),
        ]
        return (try? .json(echo)) ?? .noContent
    }
}

@Suite struct CGIGatewayTests {
    let gateway = CGIGateway(responder: EchoResponder(), maxBodySize: 10)

    func echo(_ params: [String: String], body: [UInt8] = []) -> (Response, JSONValue, Int) {
        var source = CountingBodySource(body)
        let response = gateway.respond(params: params, body: &source)
        return (response, (try? JSONParser.parse(response.body)) ?? .null, source.bytesRead)
    }

    @Test func buildsTheRequestFromNginxParams() {
        let (_, json, _) = echo([
            "REQUEST_METHOD": "POST", "DOCUMENT_URI": "/users/by-email/a@b.c", "QUERY_STRING": "search=caf%C3%A9+x",
            "CONTENT_TYPE": "application/json; charset=utf-8", "CONTENT_LENGTH": "4", "HTTP_USER_AGENT": "curl/8",
        ], body: Array("abcd".utf8))
        #expect(json == ["method": "POST", "path": "/users/by-email/a@b.c", "search": "café x",
                         "type": "application/json", "agent": "curl/8", "body": "abcd"])
    }

    @Test func fallsBackToScriptNameAndPathInfoThenRequestURI() {
        #expect(echo(["SCRIPT_NAME": "/api", "PATH_INFO": "/users"]).1["path"] == "/api/users")
        #expect(echo(["REQUEST_URI": "/a%20b?x=1"]).1["path"] == "/a b")
        #expect(echo([:]).1["path"] == "/")
    }

    @Test func declaredOversizeBodyIs413WithoutReadingIt() {
        let (response, json, bytesRead) = echo(["REQUEST_METHOD": "POST", "CONTENT_LENGTH": "11"], body: Array(repeating: 65, count: 11))
        #expect(response.status == .payloadTooLarge)
        #expect(json["detail"] == "Request body too large: 11 bytes, the limit is 10 bytes")
        #expect(bytesRead == 0)
    }

    @Test func undeclaredOversizeBodyIs413AfterOneByteTooMany() {
        let (response, _, bytesRead) = echo(["REQUEST_METHOD": "POST"], body: Array(repeating: 65, count: 1000))
        #expect(response.status == .payloadTooLarge)
        #expect(bytesRead == 11)
    }

    @Test func bodyAtTheLimitIsAccepted() {
        let (response, json, _) = echo(["REQUEST_METHOD": "POST", "CONTENT_LENGTH": "10"], body: Array("0123456789".utf8))
        #expect(response.status == .ok)
        #expect(json["body"] == "0123456789")
    }

    @Test func serializesACGIResponse() {
        var response = Response.detail("Not Found", status: .notFound)
        response.headers.add("x-request-id", "abc")
        let text = String(decoding: CGIGateway.serialize(response), as: UTF8.self)
        #expect(text == "Status: 404 Not Found\r\nContent-Type: application/json\r\nX-Request-Id: abc\r\nContent-Length: 22\r\n\r\n{\"detail\":\"Not Found\"}")
        #expect(!String(decoding: CGIGateway.serialize(.noContent), as: UTF8.self).contains("Content-Length"))
    }

    @Test func canonicalHeaderNamesUppercaseEachWordsFirstLetter() {
        #expect(CGIGateway.canonicalName("www-authenticate") == "Www-Authenticate")
        #expect(CGIGateway.canonicalName("x-request-id") == "X-Request-Id")
        #expect(CGIGateway.canonicalName("allow") == "Allow")
        #expect(CGIGateway.canonicalName("x--1a") == "X--1a")
    }
}
