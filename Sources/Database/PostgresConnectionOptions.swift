/// Where and how to connect to PostgreSQL, as libpq keywords.
public struct PostgresConnectionOptions: Sendable, Hashable {
    /// A host name, an IP address, or a directory holding the server's unix socket.
    public var host: String?
    public var port: Int?
    public var user: String?
    public var password: String?
    public var database: String?
    /// Further libpq keywords from the URL query (`sslmode`, `connect_timeout`...).
    public var parameters: [String: String]

    /// Keywords accepted in the URL query; others are refused at start-up rather
    /// than at the first connection.
    public static let acceptedParameters: Set<String> = [
        "sslmode", "sslrootcert", "sslcert", "sslkey", "sslcrl", "sslpassword", "connect_timeout",
        "application_name", "target_session_attrs", "keepalives", "keepalives_idle",
        "keepalives_interval", "keepalives_count", "tcp_user_timeout", "hostaddr", "options",
        "gssencmode", "passfile", "channel_binding",
    ]

    public init(host: String? = nil, port: Int? = nil, user: String? = nil, password: String? = nil,
                database: String? = nil, parameters: [String: String] = [:]) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.database = database
        self.parameters = parameters
    }

    /// The same server with another database (test fixtures create one per test).
    public func with(database: String) -> PostgresConnectionOptions {
        var copy = self
        copy.database = database
        return copy
    }

    /// libpq keyword/value pairs. Every session runs in UTC with ISO dates, which the
    /// driver's timestamp parsing relies on.
    var keywordsAndValues: [(String, String)] {
        var pairs: [(String, String)] = []
        if let host { pairs.append(("host", host)) }
        if let port { pairs.append(("port", String(port))) }
        if let user { pairs.append(("user", user)) }
        if let password { pairs.append(("password", password)) }
        if let database { pairs.append(("dbname", database)) }
        // READ COMMITTED whatever the server's default: read-only work runs in autocommit
        // because at this level each statement takes its own snapshot anyway.
        var options = "-c TimeZone=UTC -c DateStyle=ISO,YMD -c IntervalStyle=iso_8601 -c default_transaction_isolation=read\\ committed"
        for (key, value) in parameters.sorted(by: { $0.key < $1.key }) {
            if key == "options" {
                options += " " + value
            } else {
                pairs.append((key, value))
            }
        }
        pairs.append(("options", options))
        pairs.append(("client_encoding", "UTF8"))
        return pairs
    }

    /// The URL with the password hidden, for logs.
    public var redactedURL: String {
        var s = "postgresql://"
        if let user { s += user + (password == nil ? "" : ":***") + "@" }
        if let host, !host.hasPrefix("/") { s += host.contains(":") ? "[\(host)]" : host }
        if let port { s += ":\(port)" }
        s += "/" + (database ?? "")
        var query = parameters.sorted(by: { $0.key < $1.key }).map { "\($0.key)=\($0.value)" }
        if let host, host.hasPrefix("/") { query.insert("host=\(host)", at: 0) }
        if !query.isEmpty { s += "?" + query.joined(separator: "&") }
        return s
    }
}
