import Database
import FerryTesting
import Foundation
import Testing

/// Read-only sessions (GET and HEAD requests): reads work, a write is a loud error on
/// both databases and leaves nothing behind.
@Suite("Read-only sessions")
struct ReadOnlySessionTests {
    @Test(arguments: DatabaseBackend.allCases)
    func readsWorkAndEndCleanly(_ backend: DatabaseBackend) throws {
        try withSamples(backend, PoolOptions(size: 1)) { pool in
            let setup = pool.makeSession()
            try setup.execute("INSERT INTO samples (name) VALUES (\("one"))")
            try setup.commit()
            for _ in 1...3 {
                let session = pool.makeSession(mode: .readOnly)
                #expect(try session.fetchScalar("SELECT name FROM samples", as: String.self) == "one")
                #expect(session.isInTransaction)
                try session.commit()
                #expect(!session.isInTransaction && pool.status.checkedOut == 0)
            }
            // Rolled back (an error answer) or closed without either: the same.
            let rolledBack = pool.makeSession(mode: .readOnly)
            _ = try rolledBack.fetchScalar("SELECT count(*) FROM samples", as: Int.self)
            try rolledBack.rollback()
            let dropped = pool.makeSession(mode: .readOnly)
            _ = try dropped.fetchScalar("SELECT count(*) FROM samples", as: Int.self)
            dropped.close()
            try pool.withConnection { #expect(!$0.isInTransaction) }
        }
    }

    @Test(arguments: DatabaseBackend.allCases)
    func aWriteFailsLoudlyAndLeavesNothingOpen(_ backend: DatabaseBackend) throws {
        try withSamples(backend, PoolOptions(size: 1)) { pool in
            let writes: [SQL] = [
                "INSERT INTO samples (name) VALUES (\("sneaky"))",
                "UPDATE samples SET name = \("sneaky")",
                "DELETE FROM samples",
            ]
            for write in writes {
                for readFirst in [false, true] {
                    let session = pool.makeSession(mode: .readOnly)
                    if readFirst { _ = try session.fetchScalar("SELECT count(*) FROM samples", as: Int.self) }
                    let error = databaseError { try session.execute(write) }
                    #expect(error?.kind == "readOnly", "\(write): \(String(describing: error))")
                    #expect(error?.description.contains("read-only transaction") == true)
                    #expect(error?.isUnavailable == false && error?.isRetryable == false)
                    session.close()
                    #expect(pool.status.checkedOut == 0)
                }
            }
            switch backend {
            case .postgresql:
                #expect(try PostgresObserver(pool).openTransactions() == 0)
            case .sqlite:
                try pool.withConnection { #expect(!$0.isInTransaction) }
            }
            // Nothing was written, and the connection serves writing sessions as before.
            let writer = pool.makeSession()
            try writer.execute("INSERT INTO samples (name) VALUES (\("allowed"))")
            try writer.commit()
            #expect(try pool.makeSession(mode: .readOnly).fetchAll("SELECT name FROM samples", as: String.self) == ["allowed"])
        }
    }

    @Test(arguments: DatabaseBackend.allCases)
    func aReadOnlySessionRefusesToBecomeAWriter(_ backend: DatabaseBackend) throws {
        try withSamples(backend, PoolOptions(size: 1)) { pool in
            let session = pool.makeSession()
            try session.setTransactionMode(.readOnly)
            #expect(databaseError { try session.begin(.immediate) }?.kind == "misuse")
            #expect(databaseError { try session.begin(.deferred) }?.kind == "misuse")
            #expect(pool.status.checkedOut == 0, "refused before any checkout")
            _ = try session.fetchScalar("SELECT count(*) FROM samples", as: Int.self)
            #expect(databaseError { try session.setTransactionMode(.deferred) }?.kind == "misuse", "not while a transaction is open")
            session.close()
        }
    }
}
