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
        let reader = EnvironmentReader(environment)
        if let text = reader["DATABASE_URL"] { url = try DatabaseURL(text, variable: "DATABASE_URL") }
        pool.size = try reader.integer("DB_POOL_SIZE", default: 5, minimum: 1)
        pool.maxOverflow = try reader.integer("DB_MAX_OVERFLOW", default: 10, minimum: 0)
        pool.timeout = try reader.seconds("DB_POOL_TIMEOUT", default: 30) ?? 30
        pool.recycle = try reader.seconds("DB_POOL_RECYCLE", default: 1800, allowNever: true)
        pool.prePing = try reader.boolean("DB_POOL_PRE_PING", default: true)
        echo = try reader.boolean("DB_ECHO", default: false)
    }
}
