/// A connection checked out of a `ConnectionPool`, returned by `release()` (or when
/// dropped, as a safety net). Used by one thread at a time.
public final class PooledConnection {
    public private(set) var connection: any Connection
    private(set) var createdAt: ContinuousClock.Instant
    private weak var pool: ConnectionPool?
    private var released = false

    init(connection: any Connection, createdAt: ContinuousClock.Instant, pool: ConnectionPool) {
        self.connection = connection
        self.createdAt = createdAt
        self.pool = pool
    }

    /// Swaps a dead connection for a new one (a `Session`'s pre-ping). If none can be
    /// opened the lease ends, and the error is thrown.
    func replaceDeadConnection() throws -> any Connection {
        guard let pool, !released else { throw DatabaseError.misuse("the connection was already returned to its pool") }
        do {
            connection = try pool.replace(connection, reason: "dead at its first round trip")
        } catch {
            released = true
            throw error
        }
        createdAt = .now
        return connection
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
