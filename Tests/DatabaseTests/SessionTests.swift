import Database
import FerryTesting
import Foundation
import Testing

struct Boom: Error {}

@Suite("Session: one transaction per unit of work")
struct SessionTests {
    /// The connections left inside a transaction on this database: from
    /// pg_stat_activity on PostgreSQL, from the autocommit state on SQLite.
    func openTransactions(_ pool: ConnectionPool, _ db: DatabaseFixture) throws -> Int {
        switch db.backend {
        case .postgresql:
            let observer = db.makePool(PoolOptions(size: 1))
            let session = observer.makeSession()
            defer { session.close() }
            return try session.fetchScalar("""
                SELECT count(*) FROM pg_stat_activity
                WHERE datname = current_database() AND state LIKE \("idle in transaction%") AND pid <> pg_backend_pid()
                """, as: Int.self) ?? -1
        case .sqlite:
            // The pool has size 1 in these tests: this is the connection sessions used.
            let lease = try pool.checkout()
            defer { lease.release() }
            return lease.connection.isInTransaction ? 1 : 0
        }
    }

    func count(_ pool: ConnectionPool) throws -> Int {
        let session = pool.makeSession()
        defer { session.close() }
        return try session.fetchScalar("SELECT count(*) FROM samples", as: Int.self) ?? -1
    }

    @Test(arguments: DatabaseBackend.allCases)
    func checksOutLazilyAndCommits(_ backend: DatabaseBackend) throws {
        try withDatabase(backend) { db in
            let pool = db.makePool(PoolOptions(size: 1))
            try pool.makeSession().execute(createSamples)  // rolled back on deinit: DDL is transactional
            let setup = pool.makeSession()
            try setup.execute(createSamples)
            try setup.commit()

            let session = pool.makeSession()
            #expect(pool.status.checkedOut == 0, "nothing checked out before the first statement")
            try session.execute("INSERT INTO samples (name) VALUES (\("kept"))")
            #expect(pool.status.checkedOut == 1 && session.isInTransaction)
            try session.commit()
            #expect(pool.status.checkedOut == 0 && !session.isInTransaction)
            #expect(try count(pool) == 1)
            #expect(try openTransactions(pool, db) == 0)
        }
    }

    @Test(arguments: DatabaseBackend.allCases)
    func rollbackAndCloseDiscardWork(_ backend: DatabaseBackend) throws {
        try withSamples(backend, PoolOptions(size: 1)) { pool in
            let rolledBack = pool.makeSession()
            try rolledBack.execute("INSERT INTO samples (name) VALUES (\("gone"))")
            try rolledBack.rollback()
            #expect(pool.status.checkedOut == 0)

            let closed = pool.makeSession()
            try closed.execute("INSERT INTO samples (name) VALUES (\("gone too"))")
            closed.close()
            #expect(pool.status.checkedOut == 0)

            do {
                let dropped = pool.makeSession()
                try dropped.execute("INSERT INTO samples (name) VALUES (\("dropped"))")
            }  // deinit closes
            #expect(pool.status.checkedOut == 0)
            #expect(try count(pool) == 0)
        }
    }

    @Test(arguments: DatabaseBackend.allCases)
    func aFailedRequestLeavesNothingOpen(_ backend: DatabaseBackend) throws {
        try withDatabase(backend) { db in
            let pool = db.makePool(PoolOptions(size: 1))
            let setup = pool.makeSession()
            try setup.execute(createSamples)
            try setup.commit()
            // A handler that writes, then fails with a database error mid-request.
            let session = pool.makeSession()
            try session.execute("INSERT INTO samples (name) VALUES (\("half"))")
            #expect(databaseError { try session.execute("INSERT INTO no_such_table VALUES (\(1))") }?.kind == "statement")
            #expect(try openTransactions(pool, db) >= (backend == .postgresql ? 1 : 0), "still open while the session holds it")
            session.close()
            #expect(try openTransactions(pool, db) == 0)
            #expect(pool.status.checkedOut == 0)
            #expect(try count(pool) == 0)
        }
    }

    @Test func committingAFailedPostgresTransactionThrows() throws {
        try withSamples(.postgresql, PoolOptions(size: 1)) { pool in
            let session = pool.makeSession()
            try session.execute("INSERT INTO samples (name) VALUES (\("lost"))")
            _ = databaseError { try session.execute("INSERT INTO no_such_table VALUES (\(1))") }
            let error = databaseError { try session.commit() }
            #expect(error?.description.contains("rolled back, not committed") == true)
            #expect(pool.status.checkedOut == 0)
            #expect(try count(pool) == 0)
        }
    }

    @Test(arguments: DatabaseBackend.allCases)
    func savepointRollsBackOnlyItself(_ backend: DatabaseBackend) throws {
        try withSamples(backend) { pool in
            let session = pool.makeSession()
            try session.execute("INSERT INTO samples (name) VALUES (\("outer before"))")
            #expect(throws: Boom.self) {
                try session.savepoint {
                    try session.execute("INSERT INTO samples (name) VALUES (\("inner"))")
                    throw Boom()
                }
            }
            // A failing statement inside a savepoint must not poison the transaction
            // (PostgreSQL aborts the whole transaction otherwise).
            let failed = databaseError {
                _ = try session.savepoint { try session.execute("INSERT INTO no_such_table VALUES (\(1))") }
            }
            #expect(failed?.kind == "statement")
            let kept: Int = try session.savepoint {
                try session.execute("INSERT INTO samples (name) VALUES (\("nested ok"))")
                try? session.savepoint { () throws -> Void in
                    try session.execute("INSERT INTO samples (name) VALUES (\("nested inner"))")
                    throw Boom()
                }
                return 1
            }
            #expect(kept == 1)
            try session.execute("INSERT INTO samples (name) VALUES (\("outer after"))")
            try session.commit()
            let names = try pool.makeSession().fetchAll("SELECT name FROM samples ORDER BY id", as: String.self)
            #expect(names == ["outer before", "nested ok", "outer after"])
        }
    }

    @Test(arguments: DatabaseBackend.allCases)
    func statementLogCountsStatements(_ backend: DatabaseBackend) throws {
        try withSamples(backend) { pool in
            let session = pool.makeSession()
            let ids = try (1...5).map { try session.insertReturningID("INSERT INTO samples (name) VALUES (\("n\($0)"))") }
            #expect(session.statementCount == 5)
            _ = try session.fetchAll("SELECT * FROM samples WHERE id IN \(list: ids)", as: Sample.self)
            #expect(session.statementCount == 6)
            #expect(session.statementLog.last == (backend == .sqlite
                ? "SELECT * FROM samples WHERE id IN (?, ?, ?, ?, ?)"
                : "SELECT * FROM samples WHERE id IN ($1, $2, $3, $4, $5)"))
            #expect(session.statementLog.allSatisfy { !$0.contains("n1") })
        }
    }

    @Test(arguments: DatabaseBackend.allCases)
    func echoLogsStatementsWithRedactedValues(_ backend: DatabaseBackend) throws {
        try withDatabase(backend) { db in
            let logs = LogCapture()
            let pool = db.makePool(PoolOptions(), echo: true, logger: logs.logger())
            let session = pool.makeSession()
            try session.execute(createSamples)
            try session.execute("INSERT INTO samples (name) VALUES (\("s3cret-value"))")
            _ = databaseError { try session.execute("SELECT nope FROM samples WHERE name = \("s3cret-value")") }
            session.close()
            let entries = logs.entries
            #expect(entries.count == 3)
            #expect(entries.contains { $0.message.hasPrefix("INSERT INTO samples") && $0.metadata["parameters"] == "1 redacted" })
            #expect(entries.allSatisfy { $0.metadata["duration_ms"] != nil })
            #expect(entries.last?.metadata["error"] != nil)
            #expect(entries.allSatisfy { !$0.message.contains("s3cret") && !$0.metadata.values.contains { $0.contains("s3cret") } })
        }
    }

    @Test func immediateTransactionsSerialiseWritersOnSQLite() throws {
        try withSamples(.sqlite, PoolOptions(size: 2, sqliteBusyTimeoutMilliseconds: 100)) { pool in
            let first = pool.makeSession(mode: .immediate)
            try first.begin(.immediate)
            let second = pool.makeSession(mode: .immediate)
            let error = databaseError { try second.begin(.immediate) }
            #expect(error?.kind == "busy" && error?.isRetryable == true)
            #expect(pool.status.checkedOut == 1, "the failed session returned its connection")
            try first.commit()
            try second.begin(.immediate)
            #expect(second.isInTransaction)
            second.close()

            let late = pool.makeSession()
            _ = try late.fetchScalar("SELECT count(*) FROM samples", as: Int.self)
            #expect(databaseError { try late.begin(.immediate) }?.kind == "misuse")
        }
    }

    @Test func forUpdateLocksRowsOnPostgres() throws {
        try withSamples(.postgresql, PoolOptions(size: 2)) { pool in
            let setup = pool.makeSession()
            let id = try setup.insertReturningID("INSERT INTO samples (count) VALUES (\(10))")
            try setup.commit()
            let locker = pool.makeSession()
            _ = try locker.fetchScalar("SELECT count FROM samples WHERE id = \(id)\(sql: .forUpdate)", as: Int.self)
            let other = pool.makeSession()
            try other.execute("SET LOCAL lock_timeout = '200ms'")
            let error = databaseError { _ = try other.fetchScalar("SELECT count FROM samples WHERE id = \(id)\(sql: .forUpdate)", as: Int.self) }
            #expect(error?.kind == "statement")  // 55P03 lock_not_available
            other.close()
            try locker.commit()
        }
    }
}
