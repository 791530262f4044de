import Database
import FerryTesting
import Foundation
import Testing

/// `prePing` without a ping per checkout: a session's first round trip (its BEGIN with
/// the first statement) finds a dead connection, which is replaced and the round trip
/// sent again; no query fails.
@Suite("Pre-ping on a session's first round trip")
struct DeferredPrePingTests {
    @Test(arguments: [TransactionMode.readOnly, .deferred])
    func aTerminatedBackendCostsNoFailedQuery(_ mode: TransactionMode) throws {
        try withSamples(.postgresql, PoolOptions(size: 1, prePing: true)) { pool in
            let observer = try PostgresObserver(pool)
            for round in 1...3 {
                let (id, pid) = try pool.withConnection { ($0.id, ($0 as! PostgresConnection).backendPID) }
                try observer.terminate(pid)

                let session = pool.makeSession(mode: mode)
                let statement: SQL = mode == .readOnly
                    ? "SELECT count(*) FROM samples"
                    : "INSERT INTO samples (name) VALUES (\("round \(round)")) RETURNING 0"
                #expect(try session.fetchScalar(statement, as: Int.self) != nil)
                let replacement = try session.connection
                #expect(replacement.id != id && replacement.roundTrips == 1, "a new connection, one round trip on it")
                try session.commit()
            }
            // Each write went through exactly once.
            let written = try pool.makeSession(mode: .readOnly).fetchScalar("SELECT count(*) FROM samples", as: Int.self)
            #expect(written == (mode == .readOnly ? 0 : 3))
            #expect(pool.status.checkedOut == 0 && pool.status.total == 1)
        }
    }

    @Test func aConnectionThatDiesAfterTheFirstRoundTripIsNotRetried() throws {
        try withSamples(.postgresql, PoolOptions(size: 1, prePing: true)) { pool in
            let session = pool.makeSession()
            try session.execute("INSERT INTO samples (name) VALUES (\("lost with its transaction"))")
            try PostgresObserver(pool).terminate((try session.connection as! PostgresConnection).backendPID)
            // Work already ran on this connection: sending it again elsewhere would lose it.
            #expect(databaseError { _ = try session.fetchRows("SELECT 1") }?.kind == "connectionLost")
            session.close()
            #expect(try pool.makeSession().fetchScalar("SELECT count(*) FROM samples", as: Int.self) == 0)
            #expect(pool.status.checkedOut == 0)
        }
    }

    @Test func aSavepointAsTheFirstRoundTripIsRetriedToo() throws {
        try withSamples(.postgresql, PoolOptions(size: 1, prePing: true)) { pool in
            let pid = try pool.withConnection { ($0 as! PostgresConnection).backendPID }
            try PostgresObserver(pool).terminate(pid)
            let session = pool.makeSession()
            try session.savepoint { try session.execute("INSERT INTO samples (name) VALUES (\("inside"))") }
            try session.commit()
            #expect(try pool.makeSession().fetchScalar("SELECT count(*) FROM samples", as: Int.self) == 1)
        }
    }

    @Test func readAndWriteSessionsSurviveAServerRestart() throws {
        let server = try PostgresServer.startPrivate()
        defer { try? server.stop() }
        let pool = ConnectionPool(url: server.url, options: PoolOptions(size: 3, prePing: true))
        defer { pool.close() }
        let setup = pool.makeSession()
        try setup.execute("CREATE TABLE notes (body TEXT)")
        try setup.commit()
        // Three idle connections to the old server process, one with a read-only COMMIT in flight.
        let sessions = (0..<3).map { _ in pool.makeSession(mode: .readOnly) }
        for session in sessions { _ = try session.fetchScalar("SELECT count(*) FROM notes", as: Int.self) }
        for session in sessions { try session.commit() }
        #expect(pool.status.checkedIn == 3)

        try server.restart()

        for i in 1...4 {
            let writer = pool.makeSession()
            try writer.execute("INSERT INTO notes (body) VALUES (\("note \(i)"))")
            try writer.commit()
            let reader = pool.makeSession(mode: .readOnly)
            #expect(try reader.fetchScalar("SELECT count(*) FROM notes", as: Int.self) == i)
            try reader.commit()
        }
        #expect(pool.status.checkedOut == 0)
    }
}
