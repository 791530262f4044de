/// A test PostgreSQL server could not be started, stopped or used.
public struct PostgresServerError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
