import FerryTesting
import Foundation
import Testing

/// Real nginx running the repository's nginx.conf in front of a real `ferry serve`.
@Suite(.serialized) struct NginxEndToEndTests {
    let worker: FerryServer
    let nginx: NginxServer

    init() throws {
        worker = try FerryServer(threads: 4)
        nginx = try NginxServer(ferrySocket: worker.socketPath)
    }

    @Test func rootThroughNginx() throws {
        let response = try nginx.client.get("/")
        #expect(response.status == 200)
        #expect(response.headers["content-type"] == "application/json")
        #expect(response.json["message"] == "Ferry API")
        #expect(response.headers["x-request-id"] != nil)
    }

    @Test func nginxsAccessLogCarriesFerrysRequestIDAndTiming() throws {
        let id = try #require(try nginx.client.get("/health").headers["x-request-id"])
        let logFile = nginx.prefix.appendingPathComponent("logs/access.log")
        // nginx writes the line after the response has gone out.
        func line() -> Substring? {
            ((try? String(contentsOf: logFile, encoding: .utf8)) ?? "").split(separator: "\n").last { $0.hasSuffix("id=\(id)") }
        }
        #expect(TestEnvironment.wait(seconds: 2) { line() != nil })
        #expect(line()?.contains("\"GET /health HTTP/1.1\" 200") == true)
        #expect(line()?.contains(" urt=0.") == true)
    }

    @Test func unknownPathIsFerrys404() throws {
        let response = try nginx.client.get("/does/not/exist?x=%20")
        #expect(response.status == 404)
        #expect(response.json == ["detail": "Not Found"])
    }

    @Test func wrongMethodIsFerrys405WithAllow() throws {
        let response = try nginx.client.request("DELETE", "/")
        #expect(response.status == 405)
        #expect(response.headers["allow"] == "GET, HEAD")
        #expect(response.json == ["detail": "Method Not Allowed"])
    }

    @Test func bodyOverTheLimitIsA413InJSON() throws {
        let body = [UInt8](repeating: 0x61, count: 2 * 1_048_576)
        let response = try nginx.client.request("POST", "/", headers: [("Content-Type", "application/json")], body: body)
        #expect(response.status == 413)
        #expect(response.headers["content-type"] == "application/json")
        #expect(response.detail == "Request body too large: the limit is 1048576 bytes")
    }

    @Test func openAPIDocumentThroughNginx() throws {
        let response = try nginx.client.get("/openapi.json")
        #expect(response.status == 200)
        #expect(response.json["openapi"] == "3.1.0")
    }

    @Test func workerDownIsA503InJSON() throws {
        worker.stop()
        let response = try nginx.client.get("/")
        #expect(response.status == 503)
        #expect(response.json == ["detail": "Service Unavailable"])
    }
}
