import Logging

/// A unit of work: one transaction per HTTP request, as SQLAlchemy's `Session`.
///
/// Nothing happens until the first statement: then a connection is checked out of
/// the pool and a transaction begins. `commit()` and `rollback()` end it and return
/// the connection (a later statement starts a new transaction); `close()` rolls back
/// whatever is still open and returns the connection, and runs on `deinit` too, so
/// no path leaves a transaction open or a connection checked out.
///
/// On PostgreSQL the BEGIN travels with the first statement, so a read-only unit of
/// one statement costs one round trip (its COMMIT is sent without waiting) and a
/// writing one two. With the pool's `prePing`, that first round trip is the ping: if it
/// finds the connection dead, nothing of the transaction ran, so the session opens a
/// new connection and sends it again, once.
///
/// A session belongs to one thread. Errors are `DatabaseError`s.
public final class Session {
    public let pool: ConnectionPool
    public var dialect: Dialect { pool.dialect }

    /// Statements run through the query API (not BEGIN/COMMIT/SAVEPOINT), for N+1
    /// checks in tests.
    public private(set) var statementCount = 0
    /// Their SQL text (with placeholders, never values), while `recordsStatements`.
    public private(set) var statementLog: [String] = []
    public var recordsStatements = true
    /// Round trips the session waited for on the connections it returned (PostgreSQL).
    public private(set) var roundTrips = 0

    /// The mode the session's transactions begin in.
    public private(set) var mode: TransactionMode
    private var lease: PooledConnection?
    /// Set at checkout with the pool's `prePing`, cleared by the first operation on it.
    private var mayReplaceDeadConnection = false
    /// `lease.connection.roundTrips` at checkout: while unchanged, nothing has run on it.
    private var roundTripsAtCheckout = 0
    private var savepointLevel = 0
    /// Queries waiting for the next statement, in the order they were asked for.
    private var prefetched: [PrefetchedQuery] = []

    /// Prefer `ConnectionPool.makeSession(mode:)`.
    public init(pool: ConnectionPool, mode: TransactionMode = .deferred) {
        self.pool = pool
        self.mode = mode
    }

    deinit {
        close()
    }

    /// True while a transaction is open on a checked-out connection.
    public var isInTransaction: Bool {
        lease?.connection.isInTransaction ?? false
    }

    /// True while the open transaction holds SQLite's write lock (`begin(.immediate)`).
    public var isWriting: Bool {
        isInTransaction && mode == .immediate
    }

    /// The connection in use, checked out and in a transaction (mostly for tests).
    public var connection: any Connection {
        get throws { try activeConnection() }
    }

    /// Sets the mode of the transactions this session begins from now on, without
    /// beginning one: the HTTP layer makes GET and HEAD requests `.readOnly` before any
    /// handler runs. Not while a transaction is open.
    public func setTransactionMode(_ mode: TransactionMode) throws {
        guard !isInTransaction else {
            throw DatabaseError.misuse("the transaction already began; set the mode before the first statement")
        }
        self.mode = mode
    }

    /// Begins the transaction now, in `mode`. Ask for `.immediate` (SQLite's write
    /// lock up front) before the first statement of a read-then-write unit. A read-only
    /// session refuses any other mode: asking is already a bug.
    public func begin(_ mode: TransactionMode) throws {
        if self.mode == .readOnly, mode != .readOnly {
            throw DatabaseError.misuse("this session is read-only (e.g. a GET or HEAD request); it cannot begin \(mode)")
        }
        if let lease, lease.connection.isInTransaction {
            // On PostgreSQL deferred and immediate are the same BEGIN.
            guard mode == self.mode || (dialect == .postgresql && mode != .readOnly) else {
                throw DatabaseError.misuse("the transaction already began; ask for \(mode) before the first statement")
            }
            return
        }
        self.mode = mode
        _ = try activeConnection()
    }

    // MARK: - Statements

    /// Runs a statement; returns the number of rows it changed. Prefetched queries go
    /// first, on their own: a pipeline answers rows, not change counts.
    @discardableResult
    public func execute(_ sql: SQL) throws -> Int {
        if !prefetched.isEmpty { try sendPrefetchedAlone() }
        return try perform(sql) { try $0.execute($1) }
    }

    /// Runs a query and returns its rows; prefetched queries travel with it.
    public func fetchRows(_ sql: SQL) throws -> Rows {
        guard !prefetched.isEmpty else { return try perform(sql) { try $0.query($1) } }
        return try perform(sql) { try sendPrefetched(on: $0, before: $1)!.get() }
    }

    /// Queues a query to be sent with the session's next statement, in the same round
    /// trip on PostgreSQL and the same transaction (a transaction that ends before any
    /// statement leaves it queued for the next). `rows(of:)` reads its answer, and sends
    /// it alone if nothing has carried it yet. For a lookup a request needs but need not
    /// wait for, such as the caller named by a token.
    public func prefetch(_ sql: SQL) -> PrefetchedQuery {
        let query = PrefetchedQuery(sql.rendered(for: dialect))
        record(query.statement)
        prefetched.append(query)
        return query
    }

    /// The rows of a prefetched query, or the error it met.
    public func rows(of query: PrefetchedQuery) throws -> Rows {
        if query.outcome == nil, prefetched.contains(where: { $0 === query }) { try sendPrefetchedAlone() }
        guard let outcome = query.outcome else {
            throw DatabaseError.misuse("the prefetched query belongs to another session")
        }
        return try outcome.get()
    }

    private func sendPrefetchedAlone() throws {
        _ = try onConnection { try sendPrefetched(on: $0, before: nil) }
    }

    /// Sends the waiting prefetched queries, then `statement`, in one pipeline; keeps
    /// each query's outcome and returns the statement's. They stay queued until the
    /// pipeline answered, so a retry on a replaced connection sends them again.
    @discardableResult
    private func sendPrefetched(on connection: any Connection, before statement: RenderedSQL?) throws -> Result<Rows, DatabaseError>? {
        let waiting = prefetched
        let start = pool.echo ? ContinuousClock.now : nil
        var outcomes = try connection.queryPipeline(waiting.map(\.statement) + (statement.map { [$0] } ?? []))
        prefetched.removeAll()
        for query in waiting {
            query.outcome = outcomes.removeFirst()
            if let start {
                let failure: DatabaseError? = if case .failure(let error) = query.outcome { error } else { nil }
                log(query.statement, start, error: failure)
            }
        }
        return outcomes.first
    }

    /// Every row decoded as a `Decodable` record (columns by name, snake_case or
    /// camelCase) or, for a `DatabaseValueConvertible` type, from the first column.
    public func fetchAll<T: Decodable>(_ sql: SQL, as type: T.Type = T.self) throws -> [T] {
        let rows = try fetchRows(sql)
        var out: [T] = []
        out.reserveCapacity(rows.count)
        for row in rows { out.append(try row.decode(T.self)) }
        return out
    }

    /// The first row decoded, or nil when there is none.
    public func fetchOne<T: Decodable>(_ sql: SQL, as type: T.Type = T.self) throws -> T? {
        let rows = try fetchRows(sql)
        return try rows.first.map { try $0.decode(T.self) }
    }

    /// Every row as a `RowDecodable` record, read by position (the result's columns
    /// must be `T.columns`, in order: checked once per result).
    public func fetchAll<T: RowDecodable>(_ sql: SQL, as type: T.Type = T.self) throws -> [T] {
        try fetchRows(sql).decode(T.self)
    }

    /// The first row as a `RowDecodable` record, or nil when there is none.
    public func fetchOne<T: RowDecodable>(_ sql: SQL, as type: T.Type = T.self) throws -> T? {
        try fetchRows(sql).decodeFirst(T.self)
    }

    /// A record that is both `Decodable` (e.g. for JSON) and `RowDecodable` is read by
    /// position: these overloads are more specific than either, so such a call is not
    /// ambiguous.
    public func fetchAll<T: Decodable & RowDecodable>(_ sql: SQL, as type: T.Type = T.self) throws -> [T] {
        try fetchRows(sql).decode(T.self)
    }

    public func fetchOne<T: Decodable & RowDecodable>(_ sql: SQL, as type: T.Type = T.self) throws -> T? {
        try fetchRows(sql).decodeFirst(T.self)
    }

    /// Every row as a tuple of column values, in column order:
    /// `try session.fetchAll(sql, as: (Int, String).self)`.
    public func fetchAll<A: DatabaseValueConvertible, B: DatabaseValueConvertible, each C: DatabaseValueConvertible>(
        _ sql: SQL, as type: (A, B, repeat each C).Type
    ) throws -> [(A, B, repeat each C)] {
        try fetchRows(sql).map { try Self.tuple($0, as: type) }
    }

    /// The first row as a tuple, or nil when there is none.
    public func fetchOne<A: DatabaseValueConvertible, B: DatabaseValueConvertible, each C: DatabaseValueConvertible>(
        _ sql: SQL, as type: (A, B, repeat each C).Type
    ) throws -> (A, B, repeat each C)? {
        try fetchRows(sql).first.map { try Self.tuple($0, as: type) }
    }

    /// The first column of the first row (`SELECT count(*) ...`); nil when there is
    /// no row or the value is NULL (`SELECT max(x)` of an empty table).
    public func fetchScalar<T: DatabaseValueConvertible>(_ sql: SQL, as type: T.Type = T.self) throws -> T? {
        let rows = try fetchRows(sql)
        guard let row = rows.first, row.count > 0, !row[0].isNull else { return nil }
        return try row.decode(T.self, at: 0)
    }

    /// Runs an `INSERT` with ` RETURNING id` appended and returns the new id.
    public func insertReturningID(_ sql: SQL) throws -> Int64 {
        guard let id = try fetchScalar(sql + " RETURNING id", as: Int64.self) else {
            throw DatabaseError.misuse("the INSERT returned no row")
        }
        return id
    }

    // MARK: - Transactions

    /// Runs `body` inside a savepoint: a thrown error rolls back only what `body` did
    /// (and is rethrown); the enclosing transaction goes on. Savepoints nest.
    public func savepoint<R>(_ body: () throws -> R) throws -> R {
        savepointLevel += 1
        let level = savepointLevel
        defer { savepointLevel = level - 1 }
        let connection = try onConnection { connection in
            try connection.createSavepoint(level: level)
            return connection
        }
        let result: R
        do {
            result = try body()
        } catch {
            if connection.isInTransaction {
                try? connection.rollbackToSavepoint(level: level)
                try? connection.releaseSavepoint(level: level)
            }
            throw error
        }
        try connection.releaseSavepoint(level: level)
        return result
    }

    /// Commits the open transaction (if any) and returns the connection. A commit
    /// that fails is rolled back, and the error rethrown.
    public func commit() throws {
        guard let lease else { return }
        defer { finish() }
        if lease.connection.isInTransaction {
            try lease.connection.commit()
        }
    }

    /// Rolls back the open transaction (if any) and returns the connection.
    public func rollback() throws {
        guard let lease else { return }
        defer { finish() }
        try lease.connection.rollback()
    }

    /// Rolls back anything open and returns the connection; idempotent.
    public func close() {
        finish()
    }

    private func finish() {
        savepointLevel = 0
        if let lease { roundTrips += lease.connection.roundTrips - roundTripsAtCheckout }
        // The pool rolls back an open transaction on checkin (and discards the
        // connection if even that fails).
        lease?.release()
        lease = nil
    }

    /// The checked-out connection, in a transaction (checked out and begun if needed).
    private func activeConnection() throws -> any Connection {
        if let lease {
            if lease.connection.isInTransaction { return lease.connection }
            // Ended behind our back (e.g. SQLite rolled back on SQLITE_FULL): begin again.
            try lease.connection.begin(mode)
            return lease.connection
        }
        let pooled = try pool.checkout(deferringPrePing: true)
        do {
            try pooled.connection.begin(mode)
        } catch {
            pooled.release()
            throw error
        }
        lease = pooled
        mayReplaceDeadConnection = pool.options.prePing
        roundTripsAtCheckout = pooled.connection.roundTrips
        return pooled.connection
    }

    /// Runs `operation` on the active connection. The pool's pre-ping, deferred to here:
    /// if the first round trip on a checkout finds the connection dead, it carried the
    /// BEGIN, so nothing ran; a new connection is opened and `operation` runs again, once.
    private func onConnection<R>(_ operation: (any Connection) throws -> R) throws -> R {
        let connection = try activeConnection()
        guard mayReplaceDeadConnection else { return try operation(connection) }
        mayReplaceDeadConnection = false
        // Also false if the connection was used directly (`connection`) since checkout.
        let isFirstRoundTrip = connection.roundTrips == roundTripsAtCheckout
        do {
            return try operation(connection)
        } catch DatabaseError.connectionLost where isFirstRoundTrip && connection.isBroken {
            guard let dead = lease else { throw DatabaseError.misuse("the session lost its connection") }
            lease = nil
            let replacement = try dead.replacingDeadConnection()
            lease = replacement
            roundTrips += 1
            roundTripsAtCheckout = replacement.connection.roundTrips
            try replacement.connection.begin(mode)
            return try operation(replacement.connection)
        }
    }

    private func perform<R>(_ sql: SQL, _ body: (any Connection, RenderedSQL) throws -> R) throws -> R {
        let rendered = sql.rendered(for: dialect)
        record(rendered)
        guard pool.echo else { return try onConnection { try body($0, rendered) } }
        let start = ContinuousClock.now
        do {
            let result = try onConnection { try body($0, rendered) }
            log(rendered, start, error: nil)
            return result
        } catch {
            log(rendered, start, error: error)
            throw error
        }
    }

    private func record(_ statement: RenderedSQL) {
        statementCount += 1
        if recordsStatements { statementLog.append(statement.text) }
    }

    /// Echo mode: the statement, its duration, and how many values were bound (the
    /// values themselves are redacted: they may be passwords or personal data).
    private func log(_ rendered: RenderedSQL, _ start: ContinuousClock.Instant, error: (any Error)?) {
        let elapsed = start.duration(to: .now)
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        var metadata: Logger.Metadata = [
            "duration_ms": "\((milliseconds * 1000).rounded() / 1000)",
            "parameters": "\(rendered.bindings.count) redacted",
            "connection": "\(lease?.connection.id ?? 0)",
        ]
        if let error { metadata["error"] = "\(error)" }
        pool.logger.info("\(rendered.text)", metadata: metadata)
    }

    private static func tuple<A: DatabaseValueConvertible, B: DatabaseValueConvertible, each C: DatabaseValueConvertible>(
        _ row: Row, as type: (A, B, repeat each C).Type
    ) throws -> (A, B, repeat each C) {
        var index = 2
        func next<T: DatabaseValueConvertible>(_ type: T.Type) throws -> T {
            defer { index += 1 }
            return try row.decode(T.self, at: index)
        }
        return (try row.decode(A.self, at: 0), try row.decode(B.self, at: 1), repeat try next((each C).self))
    }
}
