import Database
import FerryTesting
import Foundation
import Testing

/// What a session costs on PostgreSQL, in round trips the client waits for: BEGIN goes
/// with the first statement (pipelined, with its PREPARE when new), and a read-only
/// transaction's COMMIT is sent without waiting.
@Suite("PostgreSQL round trips per session")
struct SessionRoundTripTests {
    /// Round trips `body` costs on the session's connection, from checkout to close.
    func roundTrips(_ pool: ConnectionPool, _ mode: TransactionMode, _ body: (Session) throws -> Void) throws -> Int {
        let session = pool.makeSession(mode: mode)
        defer { session.close() }
        let connection = try session.connection  // checked out, BEGIN pending: nothing sent yet
        let before = connection.roundTrips
        try body(session)
        try session.commit()
        return connection.roundTrips - before
    }

    @Test func readOnlyOneStatementSessionIsOneRoundTrip() throws {
        try withSamples(.postgresql, PoolOptions(size: 1, prePing: true)) { pool in
            let select: SQL = "SELECT count(*) FROM samples WHERE id > \(0)"
            // The first time the statement is prepared in the same pipeline; then it is cached.
            let new = try roundTrips(pool, .readOnly) { _ = try $0.fetchScalar(select, as: Int.self) }
            let cached = try roundTrips(pool, .readOnly) { _ = try $0.fetchScalar(select, as: Int.self) }
            let three = try roundTrips(pool, .readOnly) { session in
                for _ in 1...3 { _ = try session.fetchScalar(select, as: Int.self) }
            }
            #expect(new == 1 && cached == 1 && three == 3)
        }
    }

    @Test func writeOneStatementSessionIsTwoRoundTrips() throws {
        try withSamples(.postgresql, PoolOptions(size: 1, prePing: true)) { pool in
            for name in ["new statement", "cached statement"] {
                let count = try roundTrips(pool, .deferred) { try $0.execute("INSERT INTO samples (name) VALUES (\(name))") }
                #expect(count == 2, "\(name)")
            }
            #expect(try pool.makeSession().fetchScalar("SELECT count(*) FROM samples", as: Int.self) == 2)
        }
    }

    @Test func aSessionThatRunsNothingCostsNothing() throws {
        try withSamples(.postgresql, PoolOptions(size: 1)) { pool in
            let begunOnly = try roundTrips(pool, .deferred) { try $0.begin(.immediate) }
            let nothing = try roundTrips(pool, .readOnly) { _ in }
            #expect(begunOnly == 0 && nothing == 0)
            let session = pool.makeSession()
            let connection = try session.connection
            let before = connection.roundTrips
            try session.rollback()
            #expect(connection.roundTrips == before)
        }
    }

    @Test func theDeferredCommitIsReadBeforeTheConnectionIsReused() throws {
        try withSamples(.postgresql, PoolOptions(size: 1)) { pool in
            let session = pool.makeSession(mode: .readOnly)
            let connection = try session.connection as! PostgresConnection
            #expect(try session.fetchScalar("SELECT count(*) FROM samples", as: Int.self) == 0)
            try session.commit()  // sent, answer unread
            session.close()

            // The server ended the transaction: the backend goes idle, not idle in transaction.
            let observer = try PostgresObserver(pool)
            #expect(try observer.waitForState(of: connection.backendPID, "idle"))
            #expect(try observer.openTransactions() == 0)

            // The very next checkout gets the same connection, settled, and uses it at once.
            let (reusedID, wasInTransaction, seven) = try pool.withConnection { reused in
                (reused.id, reused.isInTransaction, try reused.query("SELECT 7").first?.decode(Int.self, at: 0))
            }
            #expect(reusedID == connection.id && !wasInTransaction && seven == 7)
            let next = pool.makeSession()
            try next.execute("INSERT INTO samples (name) VALUES (\("after"))")
            try next.commit()
            #expect(try pool.makeSession(mode: .readOnly).fetchScalar("SELECT count(*) FROM samples", as: Int.self) == 1)
        }
    }

    /// A syntax error (the PREPARE fails) and an error while running (division by zero).
    @Test(arguments: ["SELEC 1", "SELECT 1 / (id - id) FROM samples"] as [SQL])
    func aFailedStatementInThePipelineLeavesAProperErrorState(_ statement: SQL) throws {
        try withSamples(.postgresql, PoolOptions(size: 1)) { pool in
            let setup = pool.makeSession()
            try setup.execute("INSERT INTO samples (name) VALUES (\("one"))")
            try setup.commit()
            for mode in [TransactionMode.deferred] {
                // The failing statement is the session's first: BEGIN, PREPARE and it in one pipeline.
                let session = pool.makeSession(mode: mode)
                let connectionID = try session.connection.id
                #expect(databaseError { _ = try session.fetchRows(statement) }?.kind == "statement")
                #expect(session.isInTransaction, "the transaction began and has failed")
                // Later statements fail until the rollback, which works.
                #expect(databaseError { _ = try session.fetchRows("SELECT 1") }?.description.contains("25P02") == true)
                try session.rollback()
                #expect(pool.status.checkedOut == 0)

                // The connection is reused, and the failed statement was not cached as prepared.
                let again = pool.makeSession(mode: mode)
                #expect(try again.connection.id == connectionID)
                #expect(databaseError { _ = try again.fetchRows(statement) }?.kind == "statement")
                again.close()
                #expect(try pool.makeSession(mode: mode).fetchScalar("SELECT count(*) FROM samples", as: Int.self) == 1)
            }
            #expect(try PostgresObserver(pool).openTransactions() == 0)
        }
    }

    /// At READ COMMITTED each statement has its own snapshot anyway, so read-only work sends
    /// no BEGIN/COMMIT: a failed statement does not fail the next, and nothing is left open.
    @Test(arguments: ["SELEC 1", "SELECT 1 / (id - id) FROM samples"] as [SQL])
    func readOnlyWorkRunsInAutocommit(_ statement: SQL) throws {
        try withSamples(.postgresql, PoolOptions(size: 1)) { pool in
            let setup = pool.makeSession()
            try setup.execute("INSERT INTO samples (name) VALUES (\("one"))")
            try setup.commit()
            let session = pool.makeSession(mode: .readOnly)
            let connection = try session.connection as! PostgresConnection
            #expect(databaseError { _ = try session.fetchRows(statement) }?.kind == "statement")
            #expect(try session.fetchScalar("SELECT count(*) FROM samples", as: Int.self) == 1)
            let observer = try PostgresObserver(pool)
            #expect(try observer.waitForState(of: connection.backendPID, "idle"))
            try session.commit()
            #expect(pool.status.checkedOut == 0)
            #expect(try observer.openTransactions() == 0)
            // The READ ONLY default does not leak into later work on the same connection.
            try pool.withConnection { reused in
                #expect(reused.id == connection.id)
                try reused.execute(("INSERT INTO samples (name) VALUES (\("autocommit"))" as SQL).rendered(for: .postgresql))
            }
            let writer = pool.makeSession()
            try writer.execute("INSERT INTO samples (name) VALUES (\("in a transaction"))")
            try writer.commit()
            #expect(try pool.makeSession(mode: .readOnly).fetchScalar("SELECT count(*) FROM samples", as: Int.self) == 3)
        }
    }

    @Test func aFailedStatementLaterInTheTransactionStillFailsTheCommit() throws {
        try withSamples(.postgresql, PoolOptions(size: 1)) { pool in
            for mode in [TransactionMode.deferred] {
                let session = pool.makeSession(mode: mode)
                _ = try session.fetchScalar("SELECT count(*) FROM samples", as: Int.self)
                _ = databaseError { _ = try session.fetchRows("SELECT nope FROM samples") }
                #expect(databaseError { try session.commit() }?.description.contains("rolled back, not committed") == true)
                #expect(pool.status.checkedOut == 0)
            }
            #expect(try PostgresObserver(pool).openTransactions() == 0)
        }
    }

    @Test(arguments: [TransactionMode.deferred, .readOnly])
    func savepointsWorkAlsoAsTheFirstStatement(_ mode: TransactionMode) throws {
        try withSamples(.postgresql, PoolOptions(size: 1)) { pool in
            let setup = pool.makeSession()
            try setup.execute("INSERT INTO samples (name) VALUES (\("one"))")
            try setup.commit()
            let session = pool.makeSession(mode: mode)
            let connection = try session.connection
            let before = connection.roundTrips
            // BEGIN and SAVEPOINT go together; a failure inside rolls back to the savepoint only.
            let failed = databaseError {
                _ = try session.savepoint { try session.fetchRows("SELECT nope FROM samples") }
            }
            #expect(failed?.kind == "statement")
            #expect(connection.roundTrips - before == 4, "BEGIN + SAVEPOINT, the statement, ROLLBACK TO, RELEASE")
            let count: Int? = try session.savepoint { try session.fetchScalar("SELECT count(*) FROM samples", as: Int.self) }
            #expect(count == 1)
            try session.commit()
            #expect(try PostgresObserver(pool).openTransactions() == 0)
        }
    }
}

/// Looks at a test database's backends from a connection of its own.
struct PostgresObserver {
    let pool: ConnectionPool

    init(_ observed: ConnectionPool) throws {
        pool = ConnectionPool(url: observed.url, options: PoolOptions(size: 1))
    }

    func query<T: DatabaseValueConvertible>(_ sql: SQL, as type: T.Type) throws -> T? {
        try pool.withConnection { connection in
            try connection.query(sql).first.flatMap { $0[0].isNull ? nil : try $0.decode(T.self, at: 0) }
        }
    }

    /// Backends of this database inside a transaction, this one excepted.
    func openTransactions() throws -> Int {
        try query("""
            SELECT count(*) FROM pg_stat_activity
            WHERE datname = current_database() AND state LIKE \("idle in transaction%") AND pid <> pg_backend_pid()
            """, as: Int.self) ?? -1
    }

    /// Polls `pg_stat_activity` until the backend is in `state` (up to 2 s).
    func waitForState(of pid: Int32, _ state: String) throws -> Bool {
        for _ in 0..<200 {
            if try query("SELECT state FROM pg_stat_activity WHERE pid = \(Int(pid))", as: String.self) == state { return true }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return false
    }

    /// Terminates the backend and waits until it is gone.
    func terminate(_ pid: Int32) throws {
        #expect(try query("SELECT pg_terminate_backend(\(Int(pid))::int)", as: Bool.self) == true)
        for _ in 0..<200 {
            if try query("SELECT count(*) FROM pg_stat_activity WHERE pid = \(Int(pid))", as: Int.self) == 0 { return }
            Thread.sleep(forTimeInterval: 0.01)
        }
        Issue.record("backend \(pid) still there")
    }
}
