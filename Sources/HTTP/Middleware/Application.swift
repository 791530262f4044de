import Logging

/// Anything that answers a request; never throws (errors are already answers).
public protocol Responder: Sendable {
    func respond(to request: Request) -> Response
}

/// The router wrapped in middleware: request id and error rendering always, the access log
/// unless turned off, outermost first, then the application's own middleware (a database
/// session, say).
public struct Application<Context>: Responder {
    public let router: Router<Context>
    private let chain: @Sendable (Request, Context) throws -> Response
    private let makeContext: @Sendable (Request) -> Context
    private let logger: Logger

    public init(
        router: Router<Context>, middleware: [any Middleware<Context>] = [], logger: Logger,
        accessLog: Bool = true, makeContext: @escaping @Sendable (Request) -> Context
    ) {
        let accessLogLayer: [any Middleware<Context>] = accessLog ? [AccessLogMiddleware(logger: logger)] : []
        let all: [any Middleware<Context>] = [RequestIDMiddleware()] + accessLogLayer + [ErrorMiddleware(logger: logger)] + middleware
        var chain: @Sendable (Request, Context) throws -> Response = { request, context in
            try router.dispatch(request, context: context)
        }
        for layer in all.reversed() {
            let next = chain
            chain = { request, context in try layer.handle(request, context: context, next: next) }
        }
        self.router = router
        self.chain = chain
        self.makeContext = makeContext
        self.logger = logger
    }

    public func respond(to request: Request) -> Response {
        var response: Response
        do {
            response = try chain(request, makeContext(request))
        } catch {
            response = ErrorMiddleware<Context>.response(for: error, request: request, logger: logger)
        }
        if request.method == .head { response.body = [] }
        return response
    }
}
