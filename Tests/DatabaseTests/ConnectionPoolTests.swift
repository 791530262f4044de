import Database
import FerryTesting
import Foundation
import Synchronization
import Testing

@Suite("Connection pool (QueuePool semantics)")
struct ConnectionPoolTests {
    @Test(arguments: DatabaseBackend.allCases)
    func opensLazilyAndReusesConnections(_ backend: DatabaseBackend) throws {
        try withDatabase(backend) { db in
            let pool = db.makePool(PoolOptions(size: 2))
            #expect(pool.status.total == 0)
            let first = try pool.withConnection { $0.id }
            #expect(pool.status == PoolStatus(size: 2, maxOverflow: 10, checkedIn: 1, checkedOut: 0, overflow: 0, total: 1))
            let second = try pool.withConnection { $0.id }
            #expect(first == second)
        }
    }

    @Test(arguments: DatabaseBackend.allCases)
    func exhaustionTimesOutWithPoolTimeout(_ backend: DatabaseBackend) throws {
        try withDatabase(backend) { db in
            let pool = db.makePool(PoolOptions(size: 1, maxOverflow: 0, timeout: 0.5))
            let held = try pool.checkout()
            let start = ContinuousClock.now
            let error = databaseError { _ = try pool.checkout() }
            let waited = start.duration(to: .now)
            guard case .poolTimeout(let seconds, let status) = error else {
                Issue.record("expected poolTimeout, got \(String(describing: error))")
                return
            }
            #expect(seconds == 0.5 && status.checkedOut == 1)
            #expect(error?.isUnavailable == true)
            #expect(waited >= .milliseconds(450) && waited < .seconds(3), "waited \(waited)")
            held.release()
            #expect(try pool.withConnection { _ in true })
        }
    }

    @Test(arguments: DatabaseBackend.allCases)
    func overflowIsCountedAndClosedOnReturn(_ backend: DatabaseBackend) throws {
        try withDatabase(backend) { db in
            let pool = db.makePool(PoolOptions(size: 2, maxOverflow: 2, timeout: 0.2))
            let leases = try (0..<4).map { _ in try pool.checkout() }
            #expect(pool.status == PoolStatus(size: 2, maxOverflow: 2, checkedIn: 0, checkedOut: 4, overflow: 2, total: 4))
            #expect(databaseError { _ = try pool.checkout() }?.kind == "poolTimeout")
            leases.forEach { $0.release() }
            #expect(pool.status == PoolStatus(size: 2, maxOverflow: 2, checkedIn: 2, checkedOut: 0, overflow: 0, total: 2))
        }
    }

    @Test(arguments: DatabaseBackend.allCases)
    func aWaiterGetsTheConnectionWhenItComesBack(_ backend: DatabaseBackend) throws {
        try withDatabase(backend) { db in
            let pool = db.makePool(PoolOptions(size: 1, maxOverflow: 0, timeout: 10))
            let held = try pool.checkout()
            let heldID = held.connection.id
            let result = Mutex<Result<Int, DatabaseError>?>(nil)
            let done = DispatchSemaphore(value: 0)
            Thread {
                let outcome = Result { () throws(DatabaseError) -> Int in
                    do { return try pool.withConnection { $0.id } } catch { throw error as! DatabaseError }
                }
                result.withLock { $0 = outcome }
                done.signal()
            }.start()
            Thread.sleep(forTimeInterval: 0.2)
            #expect(result.withLock { $0 } == nil, "the waiter is still waiting")
            held.release()
            #expect(done.wait(timeout: .now() + 5) == .success)
            #expect(try result.withLock { $0 }?.get() == heldID)
        }
    }

    @Test(arguments: DatabaseBackend.allCases)
    func recycleReplacesOldConnections(_ backend: DatabaseBackend) throws {
        try withDatabase(backend) { db in
            let recycling = db.makePool(PoolOptions(size: 1, recycle: 0.2))
            let first = try recycling.withConnection { $0.id }
            #expect(try recycling.withConnection { $0.id } == first, "young connections are kept")
            Thread.sleep(forTimeInterval: 0.35)
            let replaced = try recycling.withConnection { $0.id }
            #expect(replaced != first)
            #expect(recycling.status.total == 1)
        }
    }

    @Test func memoryDatabaseIsOneSharedConnection() throws {
        let pool = ConnectionPool(url: .sqliteMemory, options: PoolOptions(size: 5, maxOverflow: 10, timeout: 0.2))
        defer { pool.close() }
        #expect(pool.options.size == 1 && pool.options.maxOverflow == 0 && pool.options.recycle == nil)
        let writer = pool.makeSession()
        try writer.execute("CREATE TABLE t (x INTEGER)")
        try writer.execute("INSERT INTO t VALUES (\(42))")
        try writer.commit()
        #expect(try pool.makeSession().fetchScalar("SELECT x FROM t", as: Int.self) == 42)
    }

    @Test func closedPoolRefusesCheckouts() throws {
        let pool = ConnectionPool(url: .sqliteMemory)
        _ = try pool.withConnection { $0.id }
        pool.close()
        #expect(pool.status.total == 0)
        #expect(databaseError { _ = try pool.checkout() }?.kind == "poolClosed")
    }

    @Test func prePingReplacesAConnectionTheServerKilled() throws {
        try withDatabase(.postgresql) { db in
            let pool = db.makePool(PoolOptions(size: 1, prePing: true))
            let (id, pid) = try pool.withConnection { ($0.id, ($0 as! PostgresConnection).backendPID) }
            let killer = db.makePool()
            #expect(try killer.makeSession().fetchScalar("SELECT pg_terminate_backend(\(Int(pid))::int)", as: Bool.self) == true)
            Thread.sleep(forTimeInterval: 0.1)
            let session = pool.makeSession()
            #expect(try session.fetchScalar("SELECT 1", as: Int.self) == 1)
            #expect(try session.connection.id != id)
            session.close()

            // Without pre-ping the dead connection fails the first statement, and is discarded.
            let unchecked = db.makePool(PoolOptions(size: 1, prePing: false))
            let pid2 = try unchecked.withConnection { ($0 as! PostgresConnection).backendPID }
            _ = try killer.makeSession().fetchScalar("SELECT pg_terminate_backend(\(Int(pid2))::int)", as: Bool.self)
            Thread.sleep(forTimeInterval: 0.1)
            let failing = unchecked.makeSession()
            #expect(databaseError { _ = try failing.fetchScalar("SELECT 1", as: Int.self) }?.kind == "connectionLost")
            failing.close()
            #expect(try unchecked.makeSession().fetchScalar("SELECT 1", as: Int.self) == 1)
        }
    }
}
