import FerryAPI
import FerryTesting
import HTTP
import Testing

@Suite struct ServiceRoutesTests {
    let client = TestClient.ferry()

    @Test func rootNamesTheServiceAndVersion() {
        let response = client.get("/")
        #expect(response.status == 200)
        #expect(response.headers["content-type"] == "application/json")
        #expect(response.json == ["message": "Ferry API", "version": .string(FerryVersion.current)])
    }

    @Test func unknownRouteIsJSON404() {
        let response = client.get("/no/such/route")
        #expect(response.status == 404)
        #expect(response.json == ["detail": "Not Found"])
    }

    @Test func wrongMethodIs405WithAllow() {
        let response = client.delete("/")
        #expect(response.status == 405)
        #expect(response.headers["allow"] == "GET, HEAD")
    }

    @Test func bodyOverTheConfiguredLimitIs413() {
        var limited = Configuration.testing
        limited.maxBodySize = 16
        let small = TestClient.ferry(configuration: limited)
        let response = small.post("/", json: ["padding": .string(String(repeating: "x", count: 64))])
        #expect(response.status == 413)
        #expect(response.detail == "Request body too large: 78 bytes, the limit is 16 bytes")
    }
}
