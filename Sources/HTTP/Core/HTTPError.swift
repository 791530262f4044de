/// An error that carries the HTTP answer a client should get: `{"detail": message}`.
public struct HTTPError: Error, Sendable, CustomStringConvertible {
    public let status: HTTPStatus
    public let detail: String
    public var headers: HTTPHeaders

    public init(_ status: HTTPStatus, _ detail: String, headers: HTTPHeaders = HTTPHeaders()) {
        self.status = status
        self.detail = detail
        self.headers = headers
    }

    public static func notFound(_ detail: String = "Not Found") -> HTTPError { HTTPError(.notFound, detail) }
    public static func badRequest(_ detail: String) -> HTTPError { HTTPError(.badRequest, detail) }
    public static func forbidden(_ detail: String = "Not enough permissions") -> HTTPError { HTTPError(.forbidden, detail) }
    public static func conflict(_ detail: String) -> HTTPError { HTTPError(.conflict, detail) }
    public static func unauthorized(_ detail: String = "Not authenticated") -> HTTPError {
        HTTPError(.unauthorized, detail, headers: HTTPHeaders([("WWW-Authenticate", "Bearer")]))
    }

    public var description: String { "\(status.code) \(detail)" }
}

/// Errors from lower layers (the database, say) that know their HTTP answer adopt this,
/// so the error middleware needs no knowledge of them. `nil` means this one is a bug:
/// it is logged and answered with a 500.
public protocol HTTPResponseConvertible: Error {
    var httpError: HTTPError? { get }
}
