import Database
import Logging

/// A fresh, empty database for one test, on SQLite (a temporary file) or on the
/// shared test PostgreSQL server (a new database), with pools that are closed and a
/// database that is dropped by `dispose()`. Prefer `withDatabase(_:_:)`.
public final class DatabaseFixture {
    public let backend: DatabaseBackend
    public let url: DatabaseURL
    private let sqlite: SQLiteTestDatabase?
    private let postgres: PostgresTestDatabase?
    private var pools: [ConnectionPool] = []
    private var disposed = false

    public init(_ backend: DatabaseBackend) throws {
        self.backend = backend
        switch backend {
        case .sqlite:
            let db = try SQLiteTestDatabase()
            sqlite = db
            postgres = nil
            url = db.url
        case .postgresql:
            let db = try PostgresServer.shared().createDatabase()
            sqlite = nil
            postgres = db
            url = db.url
        }
    }

    /// A pool on this database, closed by `dispose()`.
    public func makePool(_ options: PoolOptions = PoolOptions(), echo: Bool = false,
                         logger: Logger = Logger(label: "ferry.database.test")) -> ConnectionPool {
        let pool = ConnectionPool(url: url, options: options, echo: echo, logger: logger)
        pools.append(pool)
        return pool
    }

    public func dispose() {
        guard !disposed else { return }
        disposed = true
        for pool in pools { pool.close() }
        sqlite?.remove()
        try? postgres?.drop()
    }

    deinit {
        dispose()
    }
}

/// Runs `body` with a fresh database on `backend`, disposed afterwards.
public func withDatabase<R>(_ backend: DatabaseBackend, _ body: (DatabaseFixture) throws -> R) throws -> R {
    let fixture = try DatabaseFixture(backend)
    defer { fixture.dispose() }
    return try body(fixture)
}
