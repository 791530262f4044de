/// The database settings of API.md's "Operations", read from the environment.
public struct DatabaseConfiguration: Sendable, Hashable {
    public var url: DatabaseURL
    public var pool: PoolOptions
    public var echo: Bool

    public init(url: DatabaseURL = .default, pool: PoolOptions = PoolOptions(), echo: Bool = false) {
        self.url = url
        self.pool = pool
        self.echo = echo
    }

    /// Reads `DATABASE_URL` (`sqlite:///./ferry.db`), `DB_POOL_SIZE` (5),
    /// `DB_MAX_OVERFLOW` (10), `DB_POOL_TIMEOUT` seconds (30), `DB_POOL_RECYCLE`
    /// seconds (1800; -1 never), `DB_POOL_PRE_PING` (true), `DB_ECHO` (false).
    /// A bad value throws a `ConfigurationError` naming the variable and what it accepts.
    public init(environment: [String: String]) throws(ConfigurationError) {
        self.init()
        if let text = environment["DATABASE_URL"], !text.isEmpty {
            url = try DatabaseURL(text, variable: "DATABASE_URL")
        }
        pool.size = try Self.integer(environment, "DB_POOL_SIZE", default: 5, minimum: 1)
        pool.maxOverflow = try Self.integer(environment, "DB_MAX_OVERFLOW", default: 10, minimum: 0)
        pool.timeout = try Self.seconds(environment, "DB_POOL_TIMEOUT", default: 30)
        let recycle = try Self.seconds(environment, "DB_POOL_RECYCLE", default: 1800, allowNegative: true)
        pool.recycle = recycle < 0 ? nil : recycle
        pool.prePing = try Self.boolean(environment, "DB_POOL_PRE_PING", default: true)
        echo = try Self.boolean(environment, "DB_ECHO", default: false)
    }

    private static func integer(_ env: [String: String], _ name: String, default value: Int, minimum: Int) throws(ConfigurationError) -> Int {
        guard let text = env[name], !text.isEmpty else { return value }
        guard let n = Int(text), n >= minimum else {
            throw ConfigurationError(variable: name, message: "'\(text)' is not a whole number >= \(minimum)")
        }
        return n
    }

    private static func seconds(_ env: [String: String], _ name: String, default value: Double, allowNegative: Bool = false) throws(ConfigurationError) -> Double {
        guard let text = env[name], !text.isEmpty else { return value }
        guard let n = Double(text), n.isFinite, allowNegative ? (n >= 0 || n == -1) : n >= 0 else {
            let accepted = allowNegative ? "a number of seconds >= 0, or -1 for never" : "a number of seconds >= 0"
            throw ConfigurationError(variable: name, message: "'\(text)' is not \(accepted)")
        }
        return n
    }

    private static func boolean(_ env: [String: String], _ name: String, default value: Bool) throws(ConfigurationError) -> Bool {
        guard let text = env[name], !text.isEmpty else { return value }
        switch text.lowercased() {
        case "true", "1", "yes", "on": return true
        case "false", "0", "no", "off": return false
        default:
            throw ConfigurationError(variable: name, message: "'\(text)' is not a boolean (true/false, 1/0, yes/no, on/off)")
        }
    }
}
