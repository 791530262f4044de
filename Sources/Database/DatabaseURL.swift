/// Which database to use, parsed from `DATABASE_URL`.
///
/// Accepted forms:
/// - `sqlite:///./ferry.db`, `sqlite:///ferry.db`: a file relative to the working directory
/// - `sqlite:////abs/path.db`: an absolute path
/// - `sqlite::memory:` (also `sqlite://` and `sqlite:///:memory:`): an in-memory database
/// - `postgresql://user:pass@host:5432/db?sslmode=require` (also `postgres://`);
///   `?host=/run/postgresql` names a unix socket directory instead of a host.
public enum DatabaseURL: Sendable, Hashable, CustomStringConvertible {
    case sqliteFile(path: String)
    case sqliteMemory
    case postgresql(PostgresConnectionOptions)

    public static let acceptedForms =
        "sqlite:///./relative.db, sqlite:////absolute/path.db, sqlite::memory:, "
        + "postgresql://user:password@host:5432/dbname?sslmode=prefer (or postgres://...; "
        + "?host=/socket/dir for a unix socket)"

    public static let `default` = DatabaseURL.sqliteFile(path: "./ferry.db")

    public var dialect: Dialect {
        switch self {
        case .sqliteFile, .sqliteMemory: .sqlite
        case .postgresql: .postgresql
        }
    }

    /// The URL with any password replaced by `***`.
    public var description: String {
        switch self {
        case .sqliteFile(let path): "sqlite:///\(path)"
        case .sqliteMemory: "sqlite::memory:"
        case .postgresql(let options): options.redactedURL
        }
    }

    /// Parses a URL; the error names `variable` and lists the accepted forms.
    public init(_ text: String, variable: String = "DATABASE_URL") throws(ConfigurationError) {
        func fail(_ why: String) -> ConfigurationError {
            ConfigurationError(variable: variable, message: "\(why); accepted forms: \(Self.acceptedForms)")
        }
        if text == "sqlite::memory:" || text == "sqlite://" || text == "sqlite:///:memory:" {
            self = .sqliteMemory
            return
        }
        if text.hasPrefix("sqlite:///") {
            let path = String(text.dropFirst("sqlite:///".count))
            guard !path.isEmpty, path != "/" else { throw fail("the SQLite URL has no file path") }
            self = .sqliteFile(path: path)
            return
        }
        let rest: Substring
        if text.hasPrefix("postgresql://") {
            rest = text.dropFirst("postgresql://".count)
        } else if text.hasPrefix("postgres://") {
            rest = text.dropFirst("postgres://".count)
        } else if text.hasPrefix("sqlite:") {
            throw fail("an SQLite URL needs three slashes before a relative path, four before an absolute one")
        } else {
            throw fail("unsupported URL scheme")
        }
        self = .postgresql(try Self.parsePostgres(rest, fail))
    }

    private static func parsePostgres(
        _ rest: Substring, _ fail: (String) -> ConfigurationError
    ) throws(ConfigurationError) -> PostgresConnectionOptions {
        var options = PostgresConnectionOptions()
        var main = rest
        var query: Substring = ""
        if let q = rest.firstIndex(of: "?") {
            main = rest[..<q]
            query = rest[rest.index(after: q)...]
        }
        var authority = main
        if let slash = main.firstIndex(of: "/") {
            authority = main[..<slash]
            let name = main[main.index(after: slash)...]
            if !name.isEmpty {
                guard let decoded = percentDecoded(name) else { throw fail("bad percent-encoding in the database name") }
                options.database = decoded
            }
        }
        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            authority = authority[authority.index(after: at)...]
            let userPart: Substring
            if let colon = userInfo.firstIndex(of: ":") {
                userPart = userInfo[..<colon]
                guard let password = percentDecoded(userInfo[userInfo.index(after: colon)...]) else {
                    throw fail("bad percent-encoding in the password")
                }
                options.password = password
            } else {
                userPart = userInfo
            }
            guard let user = percentDecoded(userPart) else { throw fail("bad percent-encoding in the user name") }
            if !user.isEmpty { options.user = user }
        }
        var hostPart = authority
        var portPart: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw fail("unclosed [ in the host") }
            hostPart = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") { portPart = after.dropFirst() } else if !after.isEmpty { throw fail("junk after the host") }
        } else if let colon = authority.lastIndex(of: ":") {
            hostPart = authority[..<colon]
            portPart = authority[authority.index(after: colon)...]
        }
        if !hostPart.isEmpty {
            guard let host = percentDecoded(hostPart) else { throw fail("bad percent-encoding in the host") }
            options.host = host
        }
        if let portPart {
            guard let port = Int(portPart), (1...65535).contains(port) else {
                throw fail("the port must be a number from 1 to 65535")
            }
            options.port = port
        }
        for pair in query.split(separator: "&") where !pair.isEmpty {
            let key: Substring
            let rawValue: Substring
            if let eq = pair.firstIndex(of: "=") {
                key = pair[..<eq]
                rawValue = pair[pair.index(after: eq)...]
            } else {
                key = pair
                rawValue = ""
            }
            guard let value = percentDecoded(rawValue) else { throw fail("bad percent-encoding in \(key)") }
            switch key {
            case "host": options.host = value
            case "port":
                guard let port = Int(value), (1...65535).contains(port) else {
                    throw fail("the port must be a number from 1 to 65535")
                }
                options.port = port
            case "user": options.user = value
            case "password": options.password = value
            case "dbname": options.database = value
            default:
                guard PostgresConnectionOptions.acceptedParameters.contains(String(key)) else {
                    throw fail("unknown connection parameter '\(key)' (known: host, port, user, password, dbname, "
                        + PostgresConnectionOptions.acceptedParameters.sorted().joined(separator: ", ") + ")")
                }
                options.parameters[String(key)] = value
            }
        }
        return options
    }

    private static func percentDecoded(_ text: Substring) -> String? {
        guard text.contains("%") || text.contains("+") else { return String(text) }
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                    return nil
                }
                bytes.append(high << 4 | low)
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case 48...57: c - 48
        case 65...70: c - 55
        case 97...102: c - 87
        default: nil
        }
    }
}
