import Database

/// A database created for one test on a `PostgresServer`.
public final class PostgresTestDatabase: Sendable {
    public let server: PostgresServer
    public let name: String

    init(server: PostgresServer, name: String) {
        self.server = server
        self.name = name
    }

    public var options: PostgresConnectionOptions { server.options.with(database: name) }
    public var url: DatabaseURL { .postgresql(options) }

    /// Drops the database, cutting any connection still open to it.
    public func drop() throws {
        try PostgresAdmin.execute("DROP DATABASE IF EXISTS \(try PostgresAdmin.quotedIdentifier(name)) WITH (FORCE)", on: server.options)
    }
}
