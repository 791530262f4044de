import HTTP
import Testing

@Suite struct RouterTests {
    /// Each handler answers its own pattern, so a test sees which route matched.
    static func makeRouter() -> Router<Void> {
        var router = Router<Void>()
        func add(_ method: HTTPMethod, _ path: String, _ parameters: [RouteParameter] = []) {
            router.on(method, path, RouteSpec(summary: path, parameters: parameters, responses: [])) { request, _ in
                try .json(["route": "\(method) \(path)", "id": request.parameters.int("id").map(String.init) ?? ""])
            }
        }
        add(.get, "/users/{id}", [.path("id")])
        add(.put, "/users/{id}", [.path("id")])
        add(.delete, "/users/{id}/soft", [.path("id")])
        add(.delete, "/users/bulk/inactive")
        add(.post, "/users/bulk")
        add(.get, "/users", [.query("page", JSONSchema.integer(minimum: 1).defaulting(to: 1)),
                             .query("page_size", .integer(minimum: 1, maximum: 100)),
                             .query("is_active", .boolean)])
        return router
    }

    let router = makeRouter()

    func route(_ method: HTTPMethod, _ target: String) throws -> JSONValue {
        let parts = target.split(separator: "?", maxSplits: 1)
        var request = Request(method: method, path: String(parts[0]))
        if parts.count > 1 { request.query = QueryParameters(parsing: String(parts[1])) }
        let response = try router.dispatch(request, context: ())
        return try JSONParser.parse(response.body)
    }

    @Test func staticSegmentsWinOverParameters() throws {
        #expect(try route(.delete, "/users/bulk/inactive")["route"] == "DELETE /users/bulk/inactive")
        #expect(try route(.delete, "/users/7/soft")["route"] == "DELETE /users/{id}/soft")
    }

    @Test func fallsBackToTheParameterBranchForOtherMethods() throws {
        // POST /users/bulk exists, but GET /users/bulk is GET /users/{id} with a bad id.
        #expect(throws: ValidationError.self) { try route(.get, "/users/bulk") }
    }

    @Test func pathParametersAreTypedIntegers() throws {
        #expect(try route(.get, "/users/42")["id"] == "42")
        do {
            _ = try route(.get, "/users/abc")
            Issue.record("expected a 422")
        } catch let error as ValidationError {
            #expect(error.issues == [.intParsing(loc: ["path", "id"])])
        }
    }

    @Test func unknownPathIs404() {
        #expect(throws: HTTPError.self) { try route(.get, "/nothing/here") }
        do { _ = try route(.get, "/users/1/soft/extra") } catch let error as HTTPError {
            #expect(error.status == .notFound)
            #expect(error.detail == "Not Found")
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func wrongMethodIs405ListingEveryMethodOfThePath() {
        do {
            _ = try route(.post, "/users/9")
            Issue.record("expected a 405")
        } catch let error as HTTPError {
            #expect(error.status == .methodNotAllowed)
            #expect(error.headers["allow"] == "GET, HEAD, PUT")
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func headIsServedByGet() throws {
        #expect(try route(.head, "/users/3")["route"] == "GET /users/{id}")
    }

    @Test func queryParametersAreValidatedTogether() throws {
        do {
            _ = try route(.get, "/users?page=0&page_size=x&is_active=maybe")
            Issue.record("expected a 422")
        } catch let error as ValidationError {
            #expect(error.issues.map(\.loc) == [["query", "page"], ["query", "page_size"], ["query", "is_active"]])
            #expect(error.issues.map(\.type) == ["greater_than_equal", "int_parsing", "bool_parsing"])
        }
    }

    @Test func trailingSlashMatchesTheSameRoute() throws {
        #expect(try route(.get, "/users/5/")["id"] == "5")
    }
}
