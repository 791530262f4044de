/// Where the worker takes connections from.
public enum ListenAddress: Sendable, Equatable, CustomStringConvertible {
    /// A unix domain socket path (`unix:/run/ferry.sock`).
    case unix(path: String)
    /// A TCP address (`127.0.0.1:9000`, `:9000` for every interface).
    case tcp(host: String, port: Int)
    /// The listening socket on fd 0, as spawn-fcgi and supervisord's `fcgi-program` hand it over.
    case inherited

    /// Parses `unix:/path`, `/path`, `HOST:PORT`, `:PORT` or `fd:0`.
    public init(parsing text: String) throws(FastCGIError) {
        if text == "fd:0" || text == "inherited" {
            self = .inherited
        } else if text.hasPrefix("unix:") {
            self = .unix(path: String(text.dropFirst(5)))
        } else if text.hasPrefix("/") || text.hasPrefix("./") {
            self = .unix(path: text)
        } else if let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (1...65535).contains(port) {
            self = .tcp(host: String(text[..<colon]), port: port)
        } else {
            throw FastCGIError("invalid listen address '\(text)': use unix:/path/to.sock, HOST:PORT, :PORT or fd:0")
        }
        if case .unix(let path) = self, path.isEmpty { throw FastCGIError("invalid listen address '\(text)': the socket path is empty") }
    }

    /// The form `FCGX_OpenSocket` takes.
    var socketPath: String {
        switch self {
        case .unix(let path): path
        case .tcp(let host, let port): "\(host):\(port)"
        case .inherited: ""
        }
    }

    public var description: String {
        switch self {
        case .unix(let path): "unix:\(path)"
        case .tcp(let host, let port): "\(host):\(port)"
        case .inherited: "fd:0"
        }
    }
}

/// A FastCGI set-up failure, with a message an operator can act on.
public struct FastCGIError: Error, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
