/// Finds the route for a method and path. Static segments win over parameters
/// (`/users/bulk/inactive` before `/users/{id}/soft`), falling back to the parameter
/// branch when the static one has no match; a path that exists under other methods
/// answers 405 with `Allow` listing every method it has.
public struct Router<Context>: Sendable {
    public private(set) var routes: [Route<Context>] = []
    private var root = RouteNode()
    /// Runs once a route matched, before its parameters are validated: the place for
    /// checks that must win over a 422 (an anonymous caller gets 401, not a lecture).
    public var beforeValidation: (@Sendable (RouteSpec, Request, Context) throws -> Void)?

    public init() {}

    /// Adds a route; a second route with the same method and pattern is a programming error.
    public mutating func on(_ method: HTTPMethod, _ path: String, _ spec: RouteSpec, handler: @escaping Handler<Context>) {
        let route = Route(method: method, path: path, spec: spec, handler: handler)
        let declared = Set(spec.parameters.filter { $0.location == .path }.map(\.name))
        let inPattern = Set(route.segments.compactMap { if case .parameter(let name) = $0 { name } else { nil } })
        precondition(declared == inPattern, "\(method) \(path): declare exactly the path parameters \(inPattern.sorted())")
        root.insert(route.segments[...], method: method, index: routes.count)
        routes.append(route)
    }

    public enum Match {
        case found(Route<Context>, pathParameters: [String: String])
        case methodNotAllowed(allowed: [HTTPMethod])
        case notFound
    }

    public func match(_ method: HTTPMethod, path: String) -> Match {
        let segments = path.split(separator: "/")[...]
        var captures: [String: String] = [:]
        var found: (Int, [String: String])?
        var allowed: Set<HTTPMethod> = []
        root.visitMatches(segments, captures: &captures) { node, captures in
            if let index = node.index(for: method) {
                found = (index, captures)
                return true
            }
            allowed.formUnion(node.methods)
            return false
        }
        if let (index, captures) = found { return .found(routes[index], pathParameters: captures) }
        if allowed.isEmpty { return .notFound }
        if allowed.contains(.get) { allowed.insert(.head) }
        return .methodNotAllowed(allowed: allowed.sorted { $0.rawValue < $1.rawValue })
    }

    /// Routes the request, validates its declared parameters and runs the handler.
    public func dispatch(_ request: Request, context: Context) throws -> Response {
        if let rejection = request.rejection { throw rejection }
        switch match(request.method, path: request.path) {
        case .found(let route, let captures):
            var request = request
            request.pathParameters = captures
            try beforeValidation?(route.spec, request, context)
            request.parameters = try ParameterValidator.validate(request, against: route.spec.parameters)
            return try route.handler(request, context)
        case .methodNotAllowed(let allowed):
            throw HTTPError(.methodNotAllowed, "Method Not Allowed",
                            headers: HTTPHeaders([("Allow", allowed.map(\.rawValue).joined(separator: ", "))]))
        case .notFound:
            throw HTTPError.notFound()
        }
    }
}

/// A node of the routing tree.
struct RouteNode: Sendable {
    var literals: [String: RouteNode] = [:]
    var parameterName: String?
    var parameterChild: [RouteNode] = []  // zero or one: an array gives the recursion its indirection
    var handlers: [HTTPMethod: Int] = [:]

    var methods: Set<HTTPMethod> { Set(handlers.keys) }

    /// The route for `method`; HEAD is served by GET when no HEAD route exists.
    func index(for method: HTTPMethod) -> Int? {
        handlers[method] ?? (method == .head ? handlers[.get] : nil)
    }

    mutating func insert(_ segments: ArraySlice<PathSegment>, method: HTTPMethod, index: Int) {
        guard let first = segments.first else {
            precondition(handlers[method] == nil, "route \(method) registered twice")
            handlers[method] = index
            return
        }
        switch first {
        case .literal(let text):
            literals[text, default: RouteNode()].insert(segments.dropFirst(), method: method, index: index)
        case .parameter(let name):
            precondition(parameterName == nil || parameterName == name, "conflicting parameter names {\(parameterName!)} and {\(name)}")
            parameterName = name
            if parameterChild.isEmpty { parameterChild = [RouteNode()] }
            parameterChild[0].insert(segments.dropFirst(), method: method, index: index)
        }
    }

    /// Visits every node matching the path, static branches first; stops when `visit` says so.
    @discardableResult
    func visitMatches(
        _ segments: ArraySlice<Substring>, captures: inout [String: String],
        _ visit: (RouteNode, [String: String]) -> Bool
    ) -> Bool {
        guard let first = segments.first else {
            return handlers.isEmpty ? false : visit(self, captures)
        }
        let rest = segments.dropFirst()
        if let child = literals[String(first)], child.visitMatches(rest, captures: &captures, visit) { return true }
        if let name = parameterName {
            captures[name] = String(first)
            defer { captures[name] = nil }
            if parameterChild[0].visitMatches(rest, captures: &captures, visit) { return true }
        }
        return false
    }
}
