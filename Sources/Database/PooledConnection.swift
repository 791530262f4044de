/// A connection checked out of a `ConnectionPool`, returned by `release()` (or when
/// dropped, as a safety net). Used by one thread at a time.
public final class PooledConnection {
    public let connection: any Connection
    let createdAt: ContinuousClock.Instant
    private weak var pool: ConnectionPool?
    private var released = false

    init(connection: any Connection, createdAt: ContinuousClock.Instant, pool: ConnectionPool) {
        self.connection = connection
        self.createdAt = createdAt
        self.pool = pool
    }

    /// This lease's place in the pool with a new connection instead of this dead one (a
    /// `Session`'s pre-ping); this lease ends. If none can be opened, the place is given
    /// up and the error thrown.
    func replacingDeadConnection() throws -> PooledConnection {
        guard let pool, !released else { throw DatabaseError.misuse("the connection was already returned to its pool") }
        released = true
        return PooledConnection(connection: try pool.replace(connection, reason: "dead at its first round trip"),
                                createdAt: .now, pool: pool)
    }

    /// Gives the connection back; an open transaction is rolled back first. Idempotent.
    public func release() {
        guard !released else { return }
        released = true
        if let pool {
            pool.checkin(connection: connection, createdAt: createdAt)
        } else {
            connection.close()
        }
    }

    deinit {
        release()
    }
}
