/// One HTTP request as Ferry's handlers see it, built from CGI/FastCGI params by `CGIGateway`.
public struct Request: Sendable {
    public var method: HTTPMethod
    /// The decoded path, without the query string (`/users/7`).
    public var path: String
    public var query: QueryParameters
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// Path parameters captured by the router (`{id}` -> "7"), validated against the route.
    public var pathParameters: [String: String] = [:]
    /// Path and query values validated against the route's declaration, defaults filled in.
    public var parameters = Parameters()
    /// Request id: taken from `X-Request-ID` when the client sent a sane one, else generated.
    public var id: String = ""
    public var remoteAddress: String?
    /// Set by the gateway when the request must be refused before routing (body too large).
    public var rejection: HTTPError?

    public init(
        method: HTTPMethod, path: String, query: QueryParameters = QueryParameters(),
        headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = [], remoteAddress: String? = nil
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.remoteAddress = remoteAddress
    }

    /// The media type of the body without parameters, lowercased (`application/json`).
    public var contentType: String? {
        headers["content-type"].map {
            $0.split(separator: ";").first.map { $0.trimmingSpaces().lowercased() } ?? ""
        }
    }
}

extension Substring {
    func trimmingSpaces() -> Substring {
        var text = self
        while text.first == " " || text.first == "\t" { text.removeFirst() }
        while text.last == " " || text.last == "\t" { text.removeLast() }
        return text
    }
}
