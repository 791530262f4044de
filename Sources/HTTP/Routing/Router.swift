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

    /// Walks the path's segments in place (no array of them, and captures on a small stack
    /// turned into a dictionary once): this runs for every request.
    public func match(_ method: HTTPMethod, path: String) -> Match {
        var captures: [(name: String, value: Substring)] = []
        var found: (index: Int, captures: [(name: String, value: Substring)])?
        var allowed: [HTTPMethod] = []
        root.visitMatches(path[...], captures: &captures) { node, captures in
            if let index = node.index(for: method) {
                found = (index, captures)
                return true
            }
            for (method, _) in node.handlers where !allowed.contains(method) { allowed.append(method) }
            return false
        }
        if let found {
            var parameters: [String: String] = [:]
            for (name, value) in found.captures { parameters[name] = String(value) }
            return .found(routes[found.index], pathParameters: parameters)
        }
        if allowed.isEmpty { return .notFound }
        if allowed.contains(.get), !allowed.contains(.head) { allowed.append(.head) }
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
    /// A node has a handful at most: a scan beats hashing the method.
    var handlers: [(method: HTTPMethod, index: Int)] = []

    /// The route for `method`; HEAD is served by GET when no HEAD route exists.
    func index(for method: HTTPMethod) -> Int? {
        if let handler = handlers.first(where: { $0.method == method }) { return handler.index }
        return method == .head ? index(for: .get) : nil
    }

    mutating func insert(_ segments: ArraySlice<PathSegment>, method: HTTPMethod, index: Int) {
        guard let first = segments.first else {
            precondition(!handlers.contains { $0.method == method }, "route \(method) registered twice")
            handlers.append((method, index))
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

    /// Visits every node matching the rest of the path, static branches first; stops when
    /// `visit` says so. Empty segments (`//`, a trailing `/`) are skipped.
    @discardableResult
    func visitMatches(
        _ rest: Substring, captures: inout [(name: String, value: Substring)],
        _ visit: (RouteNode, [(name: String, value: Substring)]) -> Bool
    ) -> Bool {
        guard let (segment, after) = Self.nextSegment(of: rest) else {
            return handlers.isEmpty ? false : visit(self, captures)
        }
        if let child = literals[String(segment)], child.visitMatches(after, captures: &captures, visit) { return true }
        if let name = parameterName {
            captures.append((name, segment))
            defer { captures.removeLast() }
            if parameterChild[0].visitMatches(after, captures: &captures, visit) { return true }
        }
        return false
    }

    /// The first non-empty segment of `path` and what follows it; nil when none is left.
    static func nextSegment(of path: Substring) -> (segment: Substring, rest: Substring)? {
        let bytes = path.utf8
        let slash = UInt8(ascii: "/")
        guard let start = bytes.firstIndex(where: { $0 != slash }) else { return nil }
        let end = bytes[start...].firstIndex(of: slash) ?? bytes.endIndex
        return (path[start..<end], path[end...])
    }
}
