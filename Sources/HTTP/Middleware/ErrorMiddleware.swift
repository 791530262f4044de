import Logging

/// Turns every thrown error into the JSON answer of API.md. Anything that does not say
/// what its HTTP answer is becomes a 500 whose body reveals nothing; the log keeps the error.
public struct ErrorMiddleware<Context>: Middleware {
    let logger: Logger

    public init(logger: Logger) { self.logger = logger }

    public func handle(_ request: Request, context: Context, next: (Request, Context) throws -> Response) throws -> Response {
        do {
            return try next(request, context)
        } catch {
            return Self.response(for: error, request: request, logger: logger)
        }
    }

    public static func response(for error: any Error, request: Request, logger: Logger) -> Response {
        switch error {
        case let error as HTTPError:
            return response(for: error)
        case let convertible as any HTTPResponseConvertible where convertible.httpError != nil:
            return response(for: convertible.httpError!)
        case let error as ValidationError:
            let body = (try? JSONCoding.encode(ValidationDetail(detail: error.issues))) ?? JSONCoding.encodeDetail("Unprocessable Content")
            return .json(bytes: body, status: .unprocessableEntity)
        default:
            logger.error("unhandled error in \(request.method) \(request.path) id=\(request.id): \(String(reflecting: error))")
            return .detail("Internal Server Error", status: .internalServerError)
        }
    }

    private static func response(for error: HTTPError) -> Response {
        var response = Response.detail(error.detail, status: error.status)
        for (name, value) in error.headers { response.headers.add(name, value) }
        return response
    }
}

private struct ValidationDetail: Encodable {
    let detail: [ValidationIssue]
}
