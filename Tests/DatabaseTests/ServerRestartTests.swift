import Database
import FerryTesting
import Foundation
import Testing

@Suite("Pre-ping across a real PostgreSQL restart")
struct ServerRestartTests {
    @Test func firstRequestAfterRestartSucceeds() throws {
        let server = try PostgresServer.startPrivate()
        defer { try? server.stop() }
        let pool = ConnectionPool(url: server.url, options: PoolOptions(size: 2, prePing: true))
        defer { pool.close() }
        // Two idle connections in the pool, both to the old server process.
        let a = pool.makeSession()
        let b = pool.makeSession()
        #expect(try a.fetchScalar("SELECT 1", as: Int.self) == 1)
        #expect(try b.fetchScalar("SELECT 2", as: Int.self) == 2)
        a.close()
        b.close()
        #expect(pool.status.checkedIn == 2)

        try server.restart()

        // Every request after the restart succeeds: the dead connections are replaced.
        for i in 1...3 {
            let session = pool.makeSession()
            #expect(try session.fetchScalar("SELECT \(i)", as: Int.self) == i)
            try session.commit()
        }

        // While the server is down, a request fails as unavailable (HTTP 503)...
        try server.stop()
        let down = databaseError { try pool.checkHealth() }
        #expect(down?.isUnavailable == true)
        // ...and works again once it is back.
        try server.start()
        try pool.checkHealth()
        #expect(pool.status.checkedOut == 0)
    }
}
