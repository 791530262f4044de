import Logging
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A pool of connections with SQLAlchemy QueuePool semantics, for blocking threads.
///
/// - Up to `size` connections stay open when idle; under load up to `maxOverflow`
///   more are opened, and closed again when returned to a full pool.
/// - When `size + maxOverflow` are checked out, `checkout()` waits up to `timeout`
///   seconds, then throws `DatabaseError.poolTimeout`.
/// - Connections are opened lazily, on the first checkout that needs one.
/// - At checkout, a connection older than `recycle` seconds is replaced, and with
///   `prePing` a dead one (e.g. after a PostgreSQL restart) is replaced too, so the
///   caller gets a working connection or `connectionFailed` if the server is down.
/// - Idle connections are reused first in, first out, as QueuePool does.
/// - Before a connection is handed out, the answer to a read-only transaction's end,
///   sent without waiting by the previous user, is read (`Connection.settle()`): no one
///   gets a connection with an unread result or an open transaction.
///
/// How `prePing` checks without paying a round trip per request: a `Session`'s first
/// round trip on a checkout carries its BEGIN (pipelined with the first statement), so
/// nothing it sends can have taken effect if it finds the connection dead; the session
/// then replaces the connection and sends it again, once. Only a plain `checkout()` or
/// `withConnection` pings (an empty query) first, because its first statement may
/// commit on its own and could not safely be sent twice. There is no ping after idle
/// time: a connection the network dropped silently stalls a ping as long as a BEGIN;
/// TCP keepalives (`keepalives_idle`, `tcp_user_timeout` in the URL) are the cure.
///
/// `sqlite::memory:` is a private database per connection, so the pool keeps exactly
/// one connection (size 1, no overflow, never recycled): every session sees the same
/// database, and sessions take turns. (Shared-cache memory databases were rejected:
/// their table locks fail at once with `SQLITE_LOCKED` instead of waiting.)
///
/// Create pools after forking worker processes: a connection must not cross a fork.
///
/// The pool is `Sendable`; the connections it holds are not. A connection is only
/// touched by the thread that checked it out, or under the pool's lock while idle.
public final class ConnectionPool: @unchecked Sendable {
    private struct IdleConnection {
        let connection: any Connection
        let createdAt: ContinuousClock.Instant
    }

    public let url: DatabaseURL
    public let options: PoolOptions
    /// Log every statement with its duration (values redacted), as `DB_ECHO`.
    public let echo: Bool
    public let logger: Logger
    public var dialect: Dialect { url.dialect }

    private let lock = ConditionLock()
    private var idle: [IdleConnection] = []
    private var checkedOut = 0
    /// Slots reserved by threads that are opening a connection outside the lock.
    private var opening = 0
    private var closed = false

    public init(url: DatabaseURL, options: PoolOptions = PoolOptions(), echo: Bool = false,
                logger: Logger = Logger(label: "ferry.database")) {
        self.url = url
        var options = options
        if case .sqliteMemory = url {
            options.size = 1
            options.maxOverflow = 0
            options.recycle = nil
        }
        self.options = options
        self.echo = echo
        self.logger = logger
    }

    public convenience init(configuration: DatabaseConfiguration, logger: Logger = Logger(label: "ferry.database")) {
        self.init(url: configuration.url, options: configuration.pool, echo: configuration.echo, logger: logger)
    }

    deinit {
        for entry in idle { entry.connection.close() }
    }

    /// A new unit of work on this pool; see `Session`.
    public func makeSession(mode: TransactionMode = .deferred) -> Session {
        Session(pool: self, mode: mode)
    }

    public var status: PoolStatus {
        lock.withLock { statusLocked() }
    }

    private func statusLocked() -> PoolStatus {
        let total = idle.count + checkedOut + opening
        return PoolStatus(size: options.size, maxOverflow: options.maxOverflow, checkedIn: idle.count,
                          checkedOut: checkedOut + opening, overflow: max(0, total - options.size), total: total)
    }

    /// Takes a connection, waiting up to `options.timeout` seconds for one.
    public func checkout() throws -> PooledConnection {
        try checkout(deferringPrePing: false)
    }

    /// With `deferringPrePing`, a reused connection is not pinged: the caller (a
    /// `Session`) replaces it if its first round trip finds it dead.
    func checkout(deferringPrePing: Bool) throws -> PooledConnection {
        enum Next { case reuse(IdleConnection), open }
        let next: Next = try lock.withLock {
            var deadline: timespec?
            while true {
                if closed { throw DatabaseError.poolClosed }
                if !idle.isEmpty {
                    checkedOut += 1
                    return .reuse(idle.removeFirst())
                }
                if idle.count + checkedOut + opening < options.size + options.maxOverflow {
                    opening += 1
                    return .open
                }
                let limit = deadline ?? ConditionLock.deadline(after: max(0, options.timeout))
                deadline = limit
                if !lock.wait(until: limit) {
                    // A last look: a connection may have come back just as time ran out.
                    if !idle.isEmpty || idle.count + checkedOut + opening < options.size + options.maxOverflow { continue }
                    throw DatabaseError.poolTimeout(seconds: options.timeout, status: statusLocked())
                }
            }
        }
        switch next {
        case .open:
            do {
                let connection = try open()
                lock.withLock {
                    opening -= 1
                    checkedOut += 1
                }
                return PooledConnection(connection: connection, createdAt: .now, pool: self)
            } catch {
                lock.withLock {
                    opening -= 1
                    lock.signal()
                }
                throw error
            }
        case .reuse(let entry):
            if let reason = staleness(of: entry, pinging: options.prePing && !deferringPrePing) {
                let connection = try replace(entry.connection, reason: reason)
                return PooledConnection(connection: connection, createdAt: .now, pool: self)
            }
            return PooledConnection(connection: entry.connection, createdAt: entry.createdAt, pool: self)
        }
    }

    /// Why an idle connection must be replaced, or nil if it is good.
    private func staleness(of entry: IdleConnection, pinging: Bool) -> String? {
        if entry.connection.isBroken { return "broken" }
        if let recycle = options.recycle, entry.createdAt.duration(to: .now) > .seconds(recycle) { return "recycle" }
        if !entry.connection.settle() { return "dead when its last transaction ended" }
        if pinging, !entry.connection.ping() { return "failed pre-ping" }
        return nil
    }

    /// Closes a checked-out connection and opens another in its place; if that fails,
    /// the place is given up (the checkout ends) and the error thrown.
    func replace(_ connection: any Connection, reason: String) throws -> any Connection {
        logger.debug("replacing database connection", metadata: ["connection": "\(connection.id)", "reason": "\(reason)"])
        connection.close()
        do {
            return try open()
        } catch {
            lock.withLock {
                checkedOut -= 1
                lock.signal()
            }
            throw error
        }
    }

    private func open() throws -> any Connection {
        switch url {
        case .sqliteFile(let path):
            try SQLiteConnection(path: path, busyTimeoutMilliseconds: options.sqliteBusyTimeoutMilliseconds,
                                 statementCacheCapacity: options.statementCacheCapacity)
        case .sqliteMemory:
            try SQLiteConnection(path: nil, busyTimeoutMilliseconds: options.sqliteBusyTimeoutMilliseconds,
                                 statementCacheCapacity: options.statementCacheCapacity)
        case .postgresql(let connectionOptions):
            try PostgresConnection(options: connectionOptions, statementCacheCapacity: options.statementCacheCapacity)
        }
    }

    /// Returns a connection: an open transaction is rolled back; a broken connection,
    /// one beyond `size`, or any after `close()` is closed instead of kept.
    func checkin(connection: any Connection, createdAt: ContinuousClock.Instant) {
        if !connection.isBroken, connection.isInTransaction {
            do {
                try connection.rollback()
            } catch {
                logger.warning("rollback on checkin failed; discarding the connection", metadata: ["error": "\(error)"])
                connection.close()
            }
        }
        let keep: Bool = lock.withLock {
            checkedOut -= 1
            lock.signal()
            guard !closed, !connection.isBroken, idle.count < options.size else { return false }
            idle.append(IdleConnection(connection: connection, createdAt: createdAt))
            return true
        }
        if !keep { connection.close() }
    }

    /// Runs `body` with a checked-out connection and always returns it.
    public func withConnection<R>(_ body: (any Connection) throws -> R) throws -> R {
        let pooled = try checkout()
        defer { pooled.release() }
        return try body(pooled.connection)
    }

    /// Throws unless a connection can be checked out and answers `SELECT 1`: the
    /// check behind `/health`.
    public func checkHealth() throws {
        try withConnection { connection in
            _ = try connection.query("SELECT 1")
        }
    }

    /// Closes idle connections now and checked-out ones when they come back; later
    /// checkouts throw `DatabaseError.poolClosed`.
    public func close() {
        let toClose: [IdleConnection] = lock.withLock {
            closed = true
            lock.broadcast()
            defer { idle.removeAll() }
            return idle
        }
        for entry in toClose { entry.connection.close() }
    }

    /// Closes every idle connection, keeping the pool usable (new ones open lazily);
    /// like SQLAlchemy's `dispose()`.
    public func dispose() {
        let toClose: [IdleConnection] = lock.withLock {
            defer { idle.removeAll() }
            return idle
        }
        for entry in toClose { entry.connection.close() }
    }
}
