import HTTP
import Logging

/// Builds Ferry's route table and wraps it in middleware: the whole application,
/// with no knowledge of sockets, so tests drive it in process.
public enum FerryApplication {
    public static func make(configuration: Configuration, logger: Logger) -> Application<AppContext> {
        let router = makeRouter()
        return Application(router: router, logger: logger) { request in
            AppContext(requestID: request.id)
        }
    }

    /// Every route of the API; the OpenAPI document is rendered from this table.
    public static func makeRouter() -> Router<AppContext> {
        var router = Router<AppContext>()
        let document = OpenAPIDocumentHolder()
        ServiceRoutes.register(on: &router, document: document)
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
