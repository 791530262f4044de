import Database
import Logging

/// What a worker does with its database before it accepts requests.
public enum DatabaseStartup {
    /// Opens the worker's pool and checks the schema is current. An in-memory SQLite
    /// database lives and dies with the process, so it is migrated here instead.
    public static func openPool(_ configuration: DatabaseConfiguration, migrator: Migrator = AppMigrations.makeMigrator(),
                                logger: Logger) throws -> ConnectionPool {
        let pool = ConnectionPool(configuration: configuration, logger: logger)
        try pool.withConnection { connection in
            if case .sqliteMemory = configuration.url {
                _ = try migrator.up(connection)
            } else {
                try migrator.checkCurrent(connection)
            }
        }
        return pool
    }
}
