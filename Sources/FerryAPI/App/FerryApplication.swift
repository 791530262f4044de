import Database
import HTTP
import Logging

/// Builds Ferry's route table and wraps it in middleware: the whole application,
/// with no knowledge of sockets, so tests drive it in process.
public enum FerryApplication {
    /// Routes the embedding program adds (the `ferry` executable's `/health/pool`, which
    /// reads the process pool FerryAPI knows nothing of); they join the OpenAPI document.
    public typealias ExtraRoutes = @Sendable (inout Router<AppContext>) -> Void

    public static func make(configuration: Configuration, pool: ConnectionPool, logger: Logger,
                            extraRoutes: ExtraRoutes = { _ in }) -> Application<AppContext> {
        let services = AppServices(configuration: configuration, pool: pool)
        return Application(
            router: makeRouter(services: services, extraRoutes: extraRoutes),
            middleware: [DatabaseSessionMiddleware(), AuthenticationMiddleware(tokens: services.tokens)],
            logger: logger,
            accessLog: configuration.accessLog
        ) { request in
            AppContext(requestID: request.id, session: pool.makeSession())
        }
    }

    /// Every route of the API (for `ferry routes` and `ferry openapi`, which serve nothing).
    public static func makeRouter(configuration: Configuration, pool: ConnectionPool,
                                  extraRoutes: ExtraRoutes = { _ in }) -> Router<AppContext> {
        makeRouter(services: AppServices(configuration: configuration, pool: pool), extraRoutes: extraRoutes)
    }

    /// Every route of the API; the OpenAPI document is rendered from this table.
    static func makeRouter(services: AppServices, extraRoutes: ExtraRoutes = { _ in }) -> Router<AppContext> {
        var router = Router<AppContext>()
        // Authentication before validation: an anonymous caller learns nothing but 401.
        // A token's user is checked by `AuthenticationMiddleware`, whose verdict wins over
        // the route's answer, so a route that needs a caller but not who it is reads none.
        router.beforeValidation = { spec, _, context in
            if spec.requiresAuth && context.isAnonymous { throw HTTPError.unauthorized() }
        }
        let document = OpenAPIDocumentHolder()
        ServiceRoutes.register(on: &router, document: document)
        HealthRoutes.register(on: &router, pool: services.pool)
        AuthRoutes.register(on: &router, services: services)
        UserRoutes.register(on: &router, services: services)
        PostRoutes.register(on: &router, pages: services.postPages)
        CommentRoutes.register(on: &router)
        TagRoutes.register(on: &router)
        CategoryRoutes.register(on: &router)
        ProductRoutes.register(on: &router)
        OrderRoutes.register(on: &router)
        extraRoutes(&router)
        document.set(openAPIDocument(for: router))
        return router
    }

    /// The OpenAPI document of a route table (what `GET /openapi.json` serves).
    public static func openAPIDocument(for router: Router<AppContext>) -> JSONValue {
        OpenAPIDocument.render(
            router, title: "Ferry API", version: FerryVersion.current,
            summary: "Users, posts, comments, tags, categories, products and orders over FastCGI.")
    }
}
