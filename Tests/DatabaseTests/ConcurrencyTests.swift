import Database
import FerryTesting
import Foundation
import Synchronization
import Testing

@Suite("Many threads, one pool")
struct ConcurrencyTests {
    @Test(arguments: DatabaseBackend.allCases)
    func concurrentWritersLoseNoUpdate(_ backend: DatabaseBackend) throws {
        try withSamples(backend, PoolOptions(size: 2, maxOverflow: 2, timeout: 30)) { pool in
            let setup = pool.makeSession()
            let id = try setup.insertReturningID("INSERT INTO samples (count) VALUES (\(0))")
            try setup.commit()
            let threads = 6
            let perThread = 20
            let failures = Mutex<[String]>([])
            let finished = DispatchSemaphore(value: 0)
            for _ in 0..<threads {
                Thread {
                    for _ in 0..<perThread {
                        // Read-then-write: the write lock up front on SQLite, a row lock on PostgreSQL.
                        let session = pool.makeSession(mode: .immediate)
                        do {
                            let current = try session.fetchScalar(
                                "SELECT count FROM samples WHERE id = \(id)\(sql: .forUpdate)", as: Int.self) ?? 0
                            try session.execute("UPDATE samples SET count = \(current + 1) WHERE id = \(id)")
                            try session.commit()
                        } catch {
                            failures.withLock { $0.append("\(error)") }
                        }
                        session.close()
                    }
                    finished.signal()
                }.start()
            }
            for _ in 0..<threads { #expect(finished.wait(timeout: .now() + 60) == .success) }
            #expect(failures.withLock { $0 }.isEmpty)
            #expect(try pool.makeSession().fetchScalar("SELECT count FROM samples WHERE id = \(id)", as: Int.self) == threads * perThread)
            let status = pool.status
            #expect(status.checkedOut == 0 && status.total <= 4 && status.checkedIn == min(status.total, 2))
        }
    }

    @Test(arguments: DatabaseBackend.allCases)
    func aTinyStatementCacheEvictsAndStillWorks(_ backend: DatabaseBackend) throws {
        try withSamples(backend, PoolOptions(size: 1, statementCacheCapacity: 2)) { pool in
            let session = pool.makeSession()
            for round in 0..<3 {
                for width in 1...5 {
                    let ids = (0..<width).map { Int64($0 + round) }
                    #expect(try session.fetchAll("SELECT id FROM samples WHERE id IN \(list: ids)", as: Int64.self).isEmpty)
                }
            }
            // Same text, a NULL where a value was: prepared separately on PostgreSQL.
            try session.execute("INSERT INTO samples (name) VALUES (\("x"))")
            try session.execute("INSERT INTO samples (name) VALUES (\(String?.none))")
            #expect(try session.fetchScalar("SELECT count(*) FROM samples WHERE name IS NULL", as: Int.self) == 1)
            #expect(try session.fetchScalar("SELECT max(count) FROM samples", as: Int.self) == nil, "NULL reads as nil")
        }
    }
}

@Suite("Reading values databases write themselves")
struct ForeignValueTests {
    @Test func timestampTextFormsParse() throws {
        let expected = date(microseconds: 1_795_000_000_123_456)
        for text in ["2026-11-18T11:06:40.123456Z", "2026-11-18 11:06:40.123456+00", "2026-11-18T13:06:40.123456+02:00",
                     "2026-11-18 11:06:40.1234564"] {
            #expect(try Date.fromDatabaseValue(.text(text)) == expected, "\(text)")
        }
        #expect(try Date.fromDatabaseValue(.text("2026-11-18 11:06:40")) == date(microseconds: 1_795_000_000_000_000))
        #expect(throws: DatabaseError.self) { try Date.fromDatabaseValue(.text("yesterday")) }
    }

    @Test(arguments: DatabaseBackend.allCases)
    func serverSideTimestampsReadBack(_ backend: DatabaseBackend) throws {
        try withSamples(backend) { pool in
            let session = pool.makeSession()
            let now: SQL = .dialect(sqlite: "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')", postgresql: "now()")
            try session.execute("INSERT INTO samples (happened_at) VALUES (\(sql: now))")
            let stored = try #require(try session.fetchScalar("SELECT happened_at FROM samples", as: Date.self))
            #expect(abs(stored.timeIntervalSinceNow) < 60)
        }
    }

    struct Missing: Decodable { var id: Int64; var nope: String }

    @Test(arguments: DatabaseBackend.allCases)
    func decodingNamesAMissingColumn(_ backend: DatabaseBackend) throws {
        try withSamples(backend) { pool in
            let session = pool.makeSession()
            try session.execute("INSERT INTO samples (name) VALUES (\("a"))")
            do {
                _ = try session.fetchAll("SELECT id FROM samples", as: Missing.self)
                Issue.record("decoded a record with a missing column")
            } catch {
                #expect("\(error)".contains("nope"))
            }
        }
    }
}
