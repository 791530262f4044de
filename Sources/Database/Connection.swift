/// One open connection to a database, used by one thread at a time.
///
/// Connections are not `Sendable`: a pool hands each to one thread, which gives it
/// back when done. Statements take `RenderedSQL`, which only `SQL.rendered(for:)`
/// makes, so no runtime `String` can reach the database as SQL text; the `SQL`
/// overloads in the extension render for the connection's dialect.
public protocol Connection: AnyObject {
    var dialect: Dialect { get }
    /// Unique within the process, for logs and for tests that tell connections apart.
    var id: Int { get }
    /// True once the connection was found dead; a pool discards it instead of reusing it.
    var isBroken: Bool { get }
    /// True while a transaction is open (also when a PostgreSQL one has failed, or has
    /// begun but not reached the server yet).
    var isInTransaction: Bool { get }
    /// Exchanges with the server this connection waited for (PostgreSQL: each pipeline
    /// or simple query; a read-only transaction's end, sent without waiting, is not one).
    /// Always 0 on SQLite, which runs in process. On PostgreSQL, while it has not moved
    /// since checkout, nothing has run on the connection.
    var roundTrips: Int { get }

    /// Runs one statement and returns its rows (none for a statement without result).
    func query(_ statement: RenderedSQL) throws -> Rows
    /// Runs queries in order, as one pipeline: one round trip on PostgreSQL, and one
    /// implicit transaction outside a transaction block. Each answers its rows or its
    /// error; after a failure the rest do not run and answer the same error. A lost
    /// connection is thrown, as by `query(_:)`.
    func queryPipeline(_ statements: [RenderedSQL]) throws -> [Result<Rows, DatabaseError>]
    /// Runs one statement and returns the number of rows it changed.
    @discardableResult
    func execute(_ statement: RenderedSQL) throws -> Int
    /// Runs several `;`-separated statements without parameters (migrations).
    func executeScript(_ script: RenderedSQL) throws

    /// On PostgreSQL the BEGIN is sent with the transaction's first statement, in the
    /// same round trip.
    func begin(_ mode: TransactionMode) throws
    func commit() throws
    func rollback() throws
    /// Savepoints are named by nesting level, so names never come from input.
    func createSavepoint(level: Int) throws
    func releaseSavepoint(level: Int) throws
    func rollbackToSavepoint(level: Int) throws

    /// A cheap liveness check (a round trip on PostgreSQL). False means replace it.
    func ping() -> Bool
    /// Reads the answer to a transaction end sent without waiting (a read-only one's, on
    /// PostgreSQL), without a round trip. False means the connection is dead or in doubt:
    /// replace it. The pool calls this before handing a connection out, so no one is
    /// ever given a connection with an unread result or an open transaction.
    func settle() -> Bool
    /// Frees the connection; it must not be used afterwards.
    func close()
}

extension Connection {
    /// One after the other: in process (SQLite) a pipeline saves nothing.
    public func queryPipeline(_ statements: [RenderedSQL]) throws -> [Result<Rows, DatabaseError>] {
        var outcomes: [Result<Rows, DatabaseError>] = []
        outcomes.reserveCapacity(statements.count)
        for statement in statements {
            if case .failure(let earlier)? = outcomes.last {
                outcomes.append(.failure(earlier))
                continue
            }
            do {
                outcomes.append(.success(try query(statement)))
            } catch let error as DatabaseError where !error.isUnavailable {
                outcomes.append(.failure(error))
            }
        }
        return outcomes
    }

    public func query(_ sql: SQL) throws -> Rows {
        try query(sql.rendered(for: dialect))
    }

    @discardableResult
    public func execute(_ sql: SQL) throws -> Int {
        try execute(sql.rendered(for: dialect))
    }

    public func executeScript(_ sql: SQL) throws {
        guard !sql.hasBindings else {
            throw DatabaseError.misuse("a script cannot bind values; run it as separate statements")
        }
        try executeScript(sql.rendered(for: dialect))
    }
}
