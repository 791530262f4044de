/// QueuePool settings (SQLAlchemy's names in parentheses).
public struct PoolOptions: Sendable, Hashable {
    /// Connections kept open when idle (`pool_size`, `DB_POOL_SIZE`).
    public var size: Int
    /// Extra connections opened under load and closed when returned (`max_overflow`).
    public var maxOverflow: Int
    /// Seconds a checkout waits for a free connection before `DatabaseError.poolTimeout`.
    public var timeout: Double
    /// Seconds after which a connection is closed and replaced at checkout; nil never.
    public var recycle: Double?
    /// Replace a dead connection transparently. A session's first round trip is the
    /// check (nothing ran if it fails); a plain checkout pings. See `ConnectionPool`.
    public var prePing: Bool
    /// How long SQLite waits for another connection's lock before `SQLITE_BUSY`.
    public var sqliteBusyTimeoutMilliseconds: Int32
    /// Prepared statements kept per connection.
    public var statementCacheCapacity: Int

    public init(size: Int = 5, maxOverflow: Int = 10, timeout: Double = 30, recycle: Double? = 1800,
                prePing: Bool = true, sqliteBusyTimeoutMilliseconds: Int32 = 5000, statementCacheCapacity: Int = 128) {
        self.size = size
        self.maxOverflow = maxOverflow
        self.timeout = timeout
        self.recycle = recycle
        self.prePing = prePing
        self.sqliteBusyTimeoutMilliseconds = sqliteBusyTimeoutMilliseconds
        self.statementCacheCapacity = statementCacheCapacity
    }
}
