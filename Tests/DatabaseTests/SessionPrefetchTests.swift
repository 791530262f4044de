import Database
import FerryTesting
import Testing

/// `Session.prefetch`: a query that travels with the session's next statement, in one
/// pipeline on PostgreSQL, and answers the same as if it had run alone.
@Suite("Prefetched queries")
struct SessionPrefetchTests {
    /// `body` with a pool on the samples table, which holds "ada" and "bob", committed.
    func withAdaAndBob<R>(_ backend: DatabaseBackend, _ options: PoolOptions = PoolOptions(),
                          _ body: (ConnectionPool) throws -> R) throws -> R {
        try withSamples(backend, options) { pool in
            let session = pool.makeSession()
            try session.execute("INSERT INTO samples (name) VALUES (\("ada")), (\("bob"))")
            try session.commit()
            return try body(pool)
        }
    }

    func names(_ rows: Rows) throws -> [String] {
        try rows.map { try $0.decode(String.self, at: 0) }
    }

    @Test(arguments: DatabaseBackend.allCases)
    func aPrefetchedQueryTravelsWithTheNextOneAndBothAnswer(_ backend: DatabaseBackend) throws {
        try withAdaAndBob(backend) { pool in
            for _ in 1...2 {  // the first time both statements are new, then both are cached
                let session = pool.makeSession(mode: .readOnly)
                let ada = session.prefetch("SELECT name FROM samples WHERE name = \("ada")")
                let bob = session.prefetch("SELECT name FROM samples WHERE name = \("bob")")
                let all = try session.fetchRows("SELECT name FROM samples ORDER BY id")
                #expect(try names(all) == ["ada", "bob"])
                #expect(try names(session.rows(of: ada)) == ["ada"] && names(session.rows(of: bob)) == ["bob"])
                try session.commit()
                #expect(session.statementCount == 3)
                #expect(session.roundTrips == (backend == .postgresql ? 1 : 0))
            }
        }
    }

    @Test(arguments: DatabaseBackend.allCases)
    func theSameStatementTwiceInOnePipelineIsPreparedOnceAndAnswersEach(_ backend: DatabaseBackend) throws {
        try withAdaAndBob(backend, PoolOptions(size: 1)) { pool in
            let byName: (String) -> SQL = { "SELECT name FROM samples WHERE name = \($0)" }
            for round in 1...2 {
                let session = pool.makeSession(mode: .readOnly)
                let ada = session.prefetch(byName("ada"))
                #expect(try names(session.fetchRows(byName("bob"))) == ["bob"], "round \(round)")
                #expect(try names(session.rows(of: ada)) == ["ada"], "round \(round)")
                try session.commit()
            }
            if backend == .postgresql {
                let prepared = try pool.makeSession().fetchScalar(
                    "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE \("%samples WHERE name%")", as: Int.self)
                #expect(prepared == 1)
            }
        }
    }

    @Test(arguments: DatabaseBackend.allCases)
    func aFailureStopsWhatFollowsItButNotWhatCameBefore(_ backend: DatabaseBackend) throws {
        try withAdaAndBob(backend) { pool throws in
            // The statement after the prefetched query fails: the query still answers.
            let session = pool.makeSession(mode: .readOnly)
            let ada = session.prefetch("SELECT name FROM samples WHERE name = \("ada")")
            #expect(databaseError { _ = try session.fetchRows("SELECT no_such_column FROM samples") }?.kind == "statement")
            #expect(try names(session.rows(of: ada)) == ["ada"])
            session.close()

            // A prefetched query that fails stops the statement after it, with its error.
            let second = pool.makeSession(mode: .readOnly)
            let broken = second.prefetch("SELECT no_such_column FROM samples")
            let stopped = databaseError { _ = try second.fetchRows("SELECT name FROM samples") }
            #expect(stopped.map { "\($0)".contains("no_such_column") } == true, "\(String(describing: stopped))")
            #expect(databaseError { _ = try second.rows(of: broken) }?.kind == "statement")
            second.close()
        }
    }

    @Test(arguments: DatabaseBackend.allCases)
    func aPrefetchedQueryRunsBeforeAWriteThatFollowsIt(_ backend: DatabaseBackend) throws {
        try withAdaAndBob(backend) { pool in
            let session = pool.makeSession()
            let before = session.prefetch("SELECT count(*) FROM samples")
            #expect(try session.execute("INSERT INTO samples (name) VALUES (\("cyd"))") == 1)
            #expect(try session.rows(of: before).first?.decode(Int.self, at: 0) == 2)
            try session.commit()
            #expect(try pool.makeSession().fetchScalar("SELECT count(*) FROM samples", as: Int.self) == 3)
        }
    }

    @Test(arguments: DatabaseBackend.allCases)
    func aQueryAskedForBeforeAnyStatementRunsAloneAndOneNeverCarriedWaits(_ backend: DatabaseBackend) throws {
        try withAdaAndBob(backend) { pool in
            let session = pool.makeSession(mode: .readOnly)
            let ada = session.prefetch("SELECT name FROM samples WHERE name = \("ada")")
            #expect(try names(session.rows(of: ada)) == ["ada"])
            try session.commit()
            #expect(session.roundTrips == (backend == .postgresql ? 1 : 0))

            // A transaction that ends before any statement leaves the query for the next.
            let waiting = pool.makeSession(mode: .readOnly)
            let bob = waiting.prefetch("SELECT name FROM samples WHERE name = \("bob")")
            try waiting.begin(.readOnly)
            try waiting.commit()
            #expect(try names(waiting.fetchRows("SELECT name FROM samples WHERE name = \("ada")")) == ["ada"])
            #expect(try names(waiting.rows(of: bob)) == ["bob"])
            waiting.close()

            // Another session's query, not sent yet, is not this one's to send.
            let other = pool.makeSession(mode: .readOnly)
            let theirs = other.prefetch("SELECT name FROM samples ORDER BY id")
            #expect(databaseError { _ = try session.rows(of: theirs) }?.kind == "misuse")
            #expect(try names(other.rows(of: theirs)) == ["ada", "bob"])
            other.close()
        }
    }
}
