import FerryTesting
import HTTP
import Testing

@Suite struct TestClientTests {
    @Test func buildsTheParamsNginxWouldSend() {
        let params = TestClient.nginxParams(
            method: .post, target: "/users/a%40b?x=1&y=2", headers: [("Content-Type", "application/json"), ("X-Trace", "t")], bodyLength: 5)
        #expect(params["REQUEST_METHOD"] == "POST")
        #expect(params["DOCUMENT_URI"] == "/users/a@b")
        #expect(params["REQUEST_URI"] == "/users/a%40b?x=1&y=2")
        #expect(params["QUERY_STRING"] == "x=1&y=2")
        #expect(params["CONTENT_TYPE"] == "application/json")
        #expect(params["CONTENT_LENGTH"] == "5")
        #expect(params["HTTP_X_TRACE"] == "t")
    }

    @Test func parsesCGIOutputLikeNginx() throws {
        let bytes = Array("Status: 201 Created\r\nContent-Type: application/json\r\nX-A: 1\r\n\r\n{\"id\":7}".utf8)
        let response = try #require(TestResponse.parseCGI(bytes))
        #expect(response.status == 201)
        #expect(response.headers["x-a"] == "1")
        #expect(response.json["id"] == 7)
        #expect(TestResponse.parseCGI(Array("no header end".utf8)) == nil)
    }

    @Test func runsTheRealApplication() {
        #expect(TestClient.ferry().get("/").json["message"] == "Ferry API")
    }
}

@Suite struct FastCGIWireClientTests {
    @Test func encodesShortAndLongParamLengths() {
        let short = FastCGIWireClientProbe.params(["AB": "xyz"])
        #expect(short == [2, 3] + Array("ABxyz".utf8))
        let long = FastCGIWireClientProbe.params(["K": String(repeating: "v", count: 200)])
        #expect(Array(long.prefix(5)) == [1, 0x80, 0, 0, 200])
    }

    @Test func padsRecordsToEightBytes() {
        let record = FastCGIWireClientProbe.stdinRecord([1, 2, 3])
        #expect(record.count == 16)
        #expect(Array(record.prefix(8)) == [1, 5, 0, 1, 0, 3, 5, 0])
    }
}
