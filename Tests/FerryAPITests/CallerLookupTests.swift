import Database
import FerryTesting
import HTTP
import Testing

/// A bearer token's user is looked up with the route's first statement (one round trip
/// for both on PostgreSQL), and what that user earns still comes before the route's answer.
@Suite struct CallerLookupTests {
    @Test func onPostgreSQLTheCallersLookupTravelsWithTheRoutesFirstStatement() throws {
        let app = try FerryTestApp(.postgresql)
        let reader = try app.account("reader")
        let other = try app.account("other")
        let client = CountingClient.make(app.pool, configuration: app.configuration, authenticating: true)
        func cost(_ path: String, sourceLocation: SourceLocation = #_sourceLocation) -> (statements: Int?, roundTrips: Int?) {
            let response = client.get(path, headers: reader.auth)
            #expect(response.status == 200, "\(path): \(response)", sourceLocation: sourceLocation)
            return (response.headers["x-statement-count"].flatMap(Int.init), response.headers["x-round-trips"].flatMap(Int.init))
        }
        for _ in 1...2 {  // statements new, then cached
            // The user asked for and the caller: two statements, one pipeline.
            #expect(cost("/users/\(other.id)") == (2, 1))
            // A route that runs nothing: the lookup goes alone.
            #expect(cost("/") == (1, 1))
            #expect(cost("/auth/me") == (1, 1))
        }
    }

    @Test(arguments: DatabaseBackend.allCases)
    func theTokensVerdictComesBeforeTheRoutesAnswer(_ backend: DatabaseBackend) throws {
        let app = try FerryTestApp(backend)
        let gone = try app.account("gone")
        let sleepy = try app.account("sleepy")
        let other = try app.account("other")
        #expect(app.client.delete("/users/\(gone.id)", headers: gone.auth).status == 204)
        #expect(app.client.delete("/users/\(sleepy.id)/soft", headers: sleepy.auth).status == 200)
        // What each route answers a valid token: found, not found, invalid input.
        let answers = ["/users/\(other.id)": 200, "/users/999999": 404, "/users?page_size=0": 422,
                       "/users/by-email/nobody@example.com": 404, "/": 200]
        for (path, status) in answers {
            #expect(app.client.get(path, headers: other.auth).status == status, "\(path)")
            let deleted = app.client.get(path, headers: gone.auth)
            #expect(deleted.status == 401 && deleted.detail == "Could not validate credentials", "\(path): \(deleted)")
            let inactive = app.client.get(path, headers: sleepy.auth)
            #expect(inactive.status == 400 && inactive.detail == "Inactive user", "\(path): \(inactive)")
        }
    }
}
