import Database
import FerryAPI
import FerryTesting
import HTTP
import Logging
import Testing

/// One request, one transaction, through the fake FastCGI request, on both databases.
@Suite struct RequestTransactionTests {
    static let createNotes: SQL = .dialect(
        sqlite: "CREATE TABLE notes (id INTEGER PRIMARY KEY AUTOINCREMENT, body TEXT NOT NULL UNIQUE)",
        postgresql: "CREATE TABLE notes (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, body TEXT NOT NULL UNIQUE)")

    struct Failure: Error {}

    /// Routes that write a note, then answer 201, answer 400, or throw; and GET routes
    /// that read the notes, or (a bug) write one.
    static func makeClient(_ pool: ConnectionPool, logger: Logger? = nil) -> TestClient {
        var router = Router<AppContext>()
        let body = RouteParameter.query("body", .string(), required: true)
        @Sendable func write(_ request: Request, _ context: AppContext) throws {
            _ = try context.session.execute("INSERT INTO notes (body) VALUES (\(request.parameters.string("body")!))")
        }
        router.on(.post, "/notes", RouteSpec(summary: "commit", parameters: [body], responses: [])) { request, context in
            try write(request, context)
            return .detail("created", status: .created)
        }
        router.on(.post, "/notes/refused", RouteSpec(summary: "4xx", parameters: [body], responses: [])) { request, context in
            try write(request, context)
            return .detail("refused", status: .badRequest)
        }
        router.on(.post, "/notes/crash", RouteSpec(summary: "throws", parameters: [body], responses: [])) { request, context in
            try write(request, context)
            throw Failure()
        }
        router.on(.post, "/notes/twice", RouteSpec(summary: "unique violation", parameters: [body], responses: [])) { request, context in
            try write(request, context)
            try write(request, context)
            return .noContent
        }
        router.on(.get, "/notes", RouteSpec(summary: "reads", responses: [])) { _, context in
            let count = try context.session.fetchScalar("SELECT count(*) FROM notes", as: Int.self) ?? 0
            return .detail("\(count) notes", status: .ok)
        }
        router.on(.get, "/notes/sneaky", RouteSpec(summary: "a GET that writes", parameters: [body], responses: [])) { request, context in
            try write(request, context)
            return .detail("written", status: .ok)
        }
        let logger = logger ?? {
            var quiet = Logger(label: "test")
            quiet.logLevel = .critical
            return quiet
        }()
        return TestClient(responder: Application(router: router, middleware: [DatabaseSessionMiddleware()], logger: logger) { request in
            AppContext(requestID: request.id, session: pool.makeSession())
        })
    }

    func notes(_ pool: ConnectionPool) throws -> [String] {
        try pool.withConnection { connection in
            try connection.query("SELECT body FROM notes ORDER BY id").map { try $0.decode(String.self, at: 0) }
        }
    }

    @Test(arguments: DatabaseBackend.allCases)
    func successCommitsAndEveryFailureRollsBack(_ backend: DatabaseBackend) throws {
        try withDatabase(backend) { database in
            let pool = database.makePool(PoolOptions(size: 2, maxOverflow: 0))
            _ = try pool.withConnection { try $0.execute(Self.createNotes) }
            let client = Self.makeClient(pool)
            #expect(client.request(.post, "/notes?body=kept").status == 201)
            #expect(client.request(.post, "/notes/refused?body=refused").status == 400)
            #expect(client.request(.post, "/notes/crash?body=crashed").status == 500)
            #expect(client.request(.post, "/notes/twice?body=dup").status == 409)
            #expect(try notes(pool) == ["kept"])
            // Every connection is back and none is left inside a transaction.
            #expect(pool.status.checkedOut == 0)
            let open: Int64? = try pool.withConnection { connection in
                backend == .postgresql
                    ? try connection.query("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'").first?.decode(Int64.self, at: 0)
                    : 0
            }
            #expect(open == 0)
        }
    }

    @Test(arguments: DatabaseBackend.allCases)
    func getRequestsAreReadOnlyAndAWritingGETIsALogged500(_ backend: DatabaseBackend) throws {
        try withDatabase(backend) { database in
            let pool = database.makePool(PoolOptions(size: 2, maxOverflow: 0))
            _ = try pool.withConnection { try $0.execute(Self.createNotes) }
            let logs = LogCapture()
            let client = Self.makeClient(pool, logger: logs.logger(level: .error))
            #expect(client.request(.post, "/notes?body=kept").status == 201)
            for _ in 1...3 {
                let read = client.get("/notes")
                #expect(read.status == 200 && read.detail == "1 notes")
                #expect(client.request(.head, "/notes").status == 200)
            }
            #expect(client.get("/notes/sneaky?body=sneaky").status == 500)
            #expect(client.request(.head, "/notes/sneaky?body=sneaky").status == 500)
            #expect(logs.messages.count == 2)
            #expect(logs.messages.allSatisfy { $0.contains("GET /notes/sneaky") || $0.contains("HEAD /notes/sneaky") })
            #expect(logs.messages.allSatisfy { $0.contains("write attempted in a read-only transaction") })
            #expect(try notes(pool) == ["kept"])
            #expect(pool.status.checkedOut == 0)
            let open: Int64? = try pool.withConnection { connection in
                backend == .postgresql
                    ? try connection.query("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'").first?.decode(Int64.self, at: 0)
                    : (connection.isInTransaction ? 1 : 0)
            }
            #expect(open == 0)
        }
    }

    @Test(arguments: DatabaseBackend.allCases)
    func poolTimeoutIsA503(_ backend: DatabaseBackend) throws {
        try withDatabase(backend) { database in
            let pool = database.makePool(PoolOptions(size: 1, maxOverflow: 0, timeout: 0.2))
            _ = try pool.withConnection { try $0.execute(Self.createNotes) }
            let held = try pool.checkout()
            defer { held.release() }
            let response = Self.makeClient(pool).request(.post, "/notes?body=waiting")
            #expect(response.status == 503)
            #expect(response.detail == "Database connection pool timed out")
            #expect(response.headers["retry-after"] == "1")
        }
    }
}

@Suite struct HealthRoutesTests {
    @Test(arguments: DatabaseBackend.allCases)
    func healthyDatabaseReportsThePool(_ backend: DatabaseBackend) throws {
        try withDatabase(backend) { database in
            let client = try TestClient.ferry(pool: database.makePool(PoolOptions(size: 3, maxOverflow: 2)))
            let health = client.get("/health")
            #expect(health.status == 200)
            #expect(health.json == ["status": "healthy",
                                    "database": ["pool_size": 3, "connections_in_use": 0, "connections_available": 5]])
            let pool = client.get("/health/db")
            #expect(pool.status == 200)
            #expect(pool.json["status"] == "healthy")
            #expect(pool.json["pool_size"] == 3)
            #expect(pool.json["checked_out"] == 0)
            #expect(pool.json["total_connections"]?.intValue ?? 0 >= 1)
        }
    }

    @Test func unreachableDatabaseIs503Unhealthy() throws {
        let port = TestEnvironment.freePort()
        let url = try DatabaseURL("postgresql://nobody@127.0.0.1:\(port)/none?connect_timeout=2")
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let pool = ConnectionPool(url: url, options: PoolOptions(timeout: 1), logger: logger)
        let client = TestClient(responder: FerryApplication.make(configuration: .testing, pool: pool, logger: logger))
        let health = client.get("/health")
        #expect(health.status == 503)
        #expect(health.json["status"] == "unhealthy")
        #expect(client.get("/health/db").json["status"] == "unhealthy")
        // The service itself still answers.
        #expect(client.get("/").status == 200)
    }
}

@Suite struct DatabaseStartupTests {
    static let widgets = [Migration(
        version: 1, name: "create_widgets",
        up: "CREATE TABLE widgets (id INTEGER PRIMARY KEY)", down: "DROP TABLE widgets")]

    @Test(arguments: DatabaseBackend.allCases)
    func refusesAnUnmigratedDatabaseNamingTheCommand(_ backend: DatabaseBackend) throws {
        try withDatabase(backend) { database in
            var configuration = DatabaseConfiguration()
            configuration.url = database.url
            let migrator = try Migrator(Self.widgets)
            #expect { try DatabaseStartup.openPool(configuration, migrator: migrator, logger: Logger(label: "t")) } throws: { error in
                "\(error)".contains("1 pending migration(s) (1 create_widgets): run `ferry migrate up`")
            }
            let pool = database.makePool()
            _ = try pool.withConnection { try migrator.up($0) }
            let opened = try DatabaseStartup.openPool(configuration, migrator: migrator, logger: Logger(label: "t"))
            opened.close()
        }
    }

    @Test func migratesAnInMemoryDatabaseItself() throws {
        let pool = try DatabaseStartup.openPool(
            DatabaseConfiguration(url: .sqliteMemory), migrator: try Migrator(Self.widgets), logger: Logger(label: "t"))
        #expect(try pool.withConnection { try $0.query("SELECT count(*) FROM widgets").first?.decode(Int64.self, at: 0) } == 0)
    }
}
