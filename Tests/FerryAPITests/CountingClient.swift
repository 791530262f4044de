import Database
@testable import FerryAPI
import FerryTesting
import HTTP
import Logging

/// A client of the Ferry routes whose responses say, in headers, what the request's
/// session cost: `X-Statement-Count`, `X-Statements` (their SQL) and `X-Round-Trips`.
enum CountingClient {
    struct Counter: Middleware {
        func handle(_ request: Request, context: AppContext, next: (Request, AppContext) throws -> Response) throws -> Response {
            var response = try next(request, context)
            let session = context.session
            response.headers.set("X-Statement-Count", String(session.statementCount))
            response.headers.set("X-Statements", session.statementLog.joined(separator: " ; ").replacing("\n", with: " "))
            response.headers.set("X-Round-Trips", String(session.roundTrips))
            return response
        }
    }

    /// The routes behind the counter, as `FerryApplication` wraps them: the session's
    /// transaction, then authentication (which `authenticating: false` leaves out, for
    /// anonymous callers only).
    static func make(_ pool: ConnectionPool, configuration: Configuration = .testing, authenticating: Bool = false) -> TestClient {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let services = AppServices(configuration: configuration, pool: pool)
        var middleware: [any Middleware<AppContext>] = [Counter(), DatabaseSessionMiddleware()]
        if authenticating { middleware.append(AuthenticationMiddleware(tokens: services.tokens)) }
        return TestClient(responder: Application(
            router: FerryApplication.makeRouter(services: services), middleware: middleware, logger: logger
        ) { request in
            AppContext(requestID: request.id, session: pool.makeSession())
        })
    }
}
