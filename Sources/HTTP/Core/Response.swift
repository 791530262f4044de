#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One HTTP response: status, headers and the full body.
public struct Response: Sendable {
    public var status: HTTPStatus
    public var headers: HTTPHeaders
    public var body: [UInt8]

    public init(status: HTTPStatus, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A JSON response; `Content-Type: application/json` is always set.
    public static func json(_ value: some Encodable, status: HTTPStatus = .ok) throws -> Response {
        Response(status: status, headers: jsonHeaders, body: try JSONCoding.encode(value))
    }

    /// A JSON response from pre-encoded bytes.
    public static func json(bytes: [UInt8], status: HTTPStatus = .ok) -> Response {
        Response(status: status, headers: jsonHeaders, body: bytes)
    }

    /// `{"detail": "..."}` with the given status.
    public static func detail(_ message: String, status: HTTPStatus) -> Response {
        json(bytes: JSONCoding.encodeDetail(message), status: status)
    }

    public static let noContent = Response(status: .noContent)

    static let jsonHeaders = HTTPHeaders([("Content-Type", "application/json")])
}
