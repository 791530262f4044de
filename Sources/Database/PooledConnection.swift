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
