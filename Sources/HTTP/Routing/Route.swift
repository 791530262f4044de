/// A handler: everything below it is synchronous, on the worker thread that accepted the request.
public typealias Handler<Context> = @Sendable (Request, Context) throws -> Response

/// One method + path pattern (`/users/{id}/soft`), its declaration and its handler.
public struct Route<Context>: Sendable {
    public let method: HTTPMethod
    public let path: String
    public let spec: RouteSpec
    public let handler: Handler<Context>

    /// The path's segments: literals, or parameters written `{name}`.
    var segments: [PathSegment] {
        path.split(separator: "/").map { part in
            part.hasPrefix("{") && part.hasSuffix("}") ? .parameter(String(part.dropFirst().dropLast())) : .literal(String(part))
        }
    }
}

enum PathSegment: Equatable {
    case literal(String)
    case parameter(String)
}
