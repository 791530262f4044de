import Database
import FerryAPI
import HTTP
import Logging

/// Drives the application in process with a fake FastCGI request: the params nginx would
/// send go through the production `CGIGateway` (params -> Request -> middleware -> router
/// -> Response -> CGI bytes), and the bytes are parsed back as nginx would.
///
///     let client = TestClient.ferry()
///     let response = client.get("/")
///     #expect(response.json["message"] == "Ferry API")
public struct TestClient: Sendable {
    public let gateway: CGIGateway

    public init(responder: any Responder, maxBodySize: Int = CGIGateway.defaultMaxBodySize) {
        gateway = CGIGateway(responder: responder, maxBodySize: maxBodySize)
    }

    /// The Ferry application on `pool` (migrated first); logs are kept quiet unless asked for.
    public static func ferry(pool: ConnectionPool, configuration: Configuration = .testing,
                             logLevel: Logger.Level = .critical) throws -> TestClient {
        try pool.withConnection { _ = try AppMigrations.makeMigrator().up($0) }
        var logger = Logger(label: "ferry-test")
        logger.logLevel = logLevel
        return TestClient(responder: FerryApplication.make(configuration: configuration, pool: pool, logger: logger),
                          maxBodySize: configuration.maxBodySize)
    }

    /// The Ferry application on a fresh in-memory SQLite database.
    public static func ferry(configuration: Configuration = .testing, logLevel: Logger.Level = .critical) -> TestClient {
        // An in-memory database cannot fail to open or migrate unless the migrations are broken,
        // which the migration tests report on their own.
        try! ferry(pool: ConnectionPool(url: .sqliteMemory), configuration: configuration, logLevel: logLevel)
    }

    /// Sends a request. `path` may carry a query string (`/users?page=2`).
    public func request(
        _ method: HTTPMethod, _ path: String, headers: [(String, String)] = [], body: [UInt8] = [],
        params extra: [String: String] = [:]
    ) -> TestResponse {
        var params = Self.nginxParams(method: method, target: path, headers: headers, bodyLength: body.count)
        params.merge(extra) { _, new in new }
        var source = BytesBodySource(body)
        let output = CGIGateway.serialize(gateway.respond(params: params, body: &source))
        return TestResponse.parseCGI(output) ?? TestResponse(status: 0, headers: HTTPHeaders(), body: output)
    }

    public func get(_ path: String, headers: [(String, String)] = []) -> TestResponse {
        request(.get, path, headers: headers)
    }

    public func delete(_ path: String, headers: [(String, String)] = []) -> TestResponse {
        request(.delete, path, headers: headers)
    }

    /// Sends `json` as an `application/json` body.
    public func send(_ method: HTTPMethod, _ path: String, json: JSONValue, headers: [(String, String)] = []) -> TestResponse {
        let body = (try? JSONCoding.encodeSorted(json)) ?? []
        return request(method, path, headers: [("Content-Type", "application/json")] + headers, body: body)
    }

    public func post(_ path: String, json: JSONValue, headers: [(String, String)] = []) -> TestResponse {
        send(.post, path, json: json, headers: headers)
    }

    /// The params nginx's `fastcgi_params` produce for this request.
    public static func nginxParams(method: HTTPMethod, target: String, headers: [(String, String)], bodyLength: Int) -> [String: String] {
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let path = percentDecode(parts[0], plusAsSpace: false)
        var params: [String: String] = [
            "REQUEST_METHOD": method.rawValue, "REQUEST_URI": target, "DOCUMENT_URI": path, "SCRIPT_NAME": path,
            "QUERY_STRING": parts.count > 1 ? String(parts[1]) : "", "SERVER_PROTOCOL": "HTTP/1.1",
            "GATEWAY_INTERFACE": "CGI/1.1", "REMOTE_ADDR": "127.0.0.1", "SERVER_NAME": "localhost",
            "CONTENT_LENGTH": bodyLength > 0 ? String(bodyLength) : "", "CONTENT_TYPE": "",
        ]
        for (name, value) in headers {
            let key = name.uppercased().replacing("-", with: "_")
            if key == "CONTENT_TYPE" || key == "CONTENT_LENGTH" { params[key] = value } else { params["HTTP_" + key] = value }
        }
        return params
    }
}
