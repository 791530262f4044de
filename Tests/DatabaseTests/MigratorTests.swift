import Database
import FerryTesting
import Testing

@Suite("Migrations")
struct MigratorTests {
    static let v1 = Migration(
        version: 1, name: "create_authors",
        up: .dialect(
            sqlite: "CREATE TABLE authors (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL)",
            postgresql: "CREATE TABLE authors (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name TEXT NOT NULL)"),
        down: "DROP TABLE authors")
    static let v2 = Migration(
        version: 2, name: "create_books",
        up: """
            CREATE TABLE books (id BIGINT PRIMARY KEY, author_id BIGINT NOT NULL REFERENCES authors (id), title TEXT NOT NULL);
            CREATE INDEX ix_books_author ON books (author_id);
            """,
        down: "DROP INDEX ix_books_author; DROP TABLE books;")
    static let v3 = Migration(
        version: 3, name: "add_price",
        up: "ALTER TABLE books ADD COLUMN price_cents BIGINT NOT NULL DEFAULT 0",
        down: .dialect(sqlite: "ALTER TABLE books DROP COLUMN price_cents", postgresql: "ALTER TABLE books DROP COLUMN price_cents"))

    static let all = [v1, v2, v3]

    /// Tables, columns and indexes, to compare schemas.
    func schema(_ connection: any Connection) throws -> [String] {
        let rows: Rows
        switch connection.dialect {
        case .sqlite:
            rows = try connection.query("""
                SELECT type || ' ' || name || ' ' || COALESCE(sql, '') FROM sqlite_master
                WHERE name NOT LIKE 'sqlite_%' ORDER BY name
                """)
        case .postgresql:
            rows = try connection.query("""
                SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable
                FROM information_schema.columns WHERE table_schema = 'public'
                UNION ALL SELECT 'index ' || indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
                ORDER BY 1
                """)
        }
        return try rows.map { try $0.decode(String.self, at: 0) }
    }

    @Test(arguments: DatabaseBackend.allCases)
    func upDownUpReachesTheSameSchema(_ backend: DatabaseBackend) throws {
        try withDatabase(backend) { db in
            let pool = db.makePool()
            let migrator = try Migrator(Self.all)
            try pool.withConnection { c in
                #expect(try !migrator.isCurrent(c))
                #expect(try migrator.up(c).map(\.version) == [1, 2, 3])
                #expect(try migrator.isCurrent(c))
                #expect(try migrator.up(c).isEmpty, "up is idempotent")
                let migrated = try schema(c)
                #expect(migrated.contains { $0.contains("price_cents") })
                #expect(try migrator.history(c).map(\.version) == [1, 2, 3])

                #expect(try migrator.down(c, steps: 1).map(\.version) == [3])
                #expect(try migrator.currentVersion(c) == 2)
                #expect(try !schema(c).contains { $0.contains("price_cents") })

                #expect(try migrator.down(c, to: 0).map(\.version) == [2, 1])
                #expect(try schema(c).allSatisfy { $0.contains("schema_migrations") })

                #expect(try migrator.up(c, to: 2).map(\.version) == [1, 2])
                #expect(try migrator.status(c).map(\.state) .last == .pending)
                try migrator.up(c)
                #expect(try schema(c) == migrated)
            }
        }
    }

    @Test(arguments: DatabaseBackend.allCases)
    func editedMigrationIsRefusedByName(_ backend: DatabaseBackend) throws {
        try withDatabase(backend) { db in
            let pool = db.makePool()
            try pool.withConnection { c in
                try Migrator([Self.v1, Self.v2]).up(c)
                let edited = Migration(version: 2, name: "create_books",
                                       up: "CREATE TABLE books (id BIGINT PRIMARY KEY, title TEXT)", down: "DROP TABLE books")
                let migrator = try Migrator([Self.v1, edited, Self.v3])
                do {
                    try migrator.up(c)
                    Issue.record("an edited migration was accepted")
                } catch let error as MigrationError {
                    guard case .checksumMismatch(let version, let name, _, _) = error else {
                        Issue.record("unexpected \(error)")
                        return
                    }
                    #expect(version == 2 && name == "create_books")
                    #expect(error.description.contains("migration 2 'create_books' was changed after it was applied"))
                }
                #expect(try migrator.currentVersion(c) == 2, "nothing ran")
                let states = try migrator.status(c).map(\.state)
                if case .checksumMismatch = states[1] {} else { Issue.record("status shows \(states[1])") }
                #expect(throws: MigrationError.self) { try migrator.checkCurrent(c) }
            }
        }
    }

    @Test(arguments: DatabaseBackend.allCases)
    func checkCurrentTellsWhichCommandToRun(_ backend: DatabaseBackend) throws {
        try withDatabase(backend) { db in
            let pool = db.makePool()
            try pool.withConnection { c in
                let migrator = try Migrator(Self.all)
                for applied in [0, 2] {
                    if applied > 0 { try migrator.up(c, to: applied) }
                    do {
                        try migrator.checkCurrent(c)
                        Issue.record("an unmigrated database passed")
                    } catch let error as MigrationError {
                        #expect(error.description.contains("ferry migrate up"))
                        #expect(error.description.contains("3 add_price"))
                    }
                }
                try migrator.up(c)
                try migrator.checkCurrent(c)
                // A database ahead of the build is refused too.
                #expect(throws: MigrationError.self) { try Migrator([Self.v1, Self.v2]).checkCurrent(c) }
            }
        }
    }

    @Test(arguments: DatabaseBackend.allCases)
    func aFailingMigrationIsRolledBackWhole(_ backend: DatabaseBackend) throws {
        try withDatabase(backend) { db in
            let pool = db.makePool()
            let broken = Migration(version: 2, name: "broken",
                                   up: "CREATE TABLE half (id BIGINT); INSERT INTO nowhere VALUES (1);", down: "DROP TABLE half")
            try pool.withConnection { c in
                let migrator = try Migrator([Self.v1, broken])
                do {
                    try migrator.up(c)
                    Issue.record("a broken migration succeeded")
                } catch let error as MigrationError {
                    guard case .failed(let version, _, let direction, _) = error else {
                        Issue.record("unexpected \(error)")
                        return
                    }
                    #expect(version == 2 && direction == .up)
                }
                #expect(try migrator.currentVersion(c) == 1)
                #expect(try !schema(c).contains { $0.contains("half") })
                #expect(!c.isInTransaction)
            }
        }
    }

    @Test func sqlIsRenderedWithoutRunning() throws {
        let migrator = try Migrator(Self.all)
        let up = try migrator.sql(.up, from: 1, to: nil, dialect: .postgresql)
        #expect(up.contains("-- 2 create_books (up)") && up.contains("-- 3 add_price (up)") && !up.contains("create_authors"))
        #expect(up.contains("INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (2, 'create_books', '\(Self.v2.checksum(for: .postgresql))', now());"))
        let down = try migrator.sql(.down, from: 3, to: 1, dialect: .sqlite)
        let three = try #require(down.range(of: "-- 3 add_price (down)"))
        let two = try #require(down.range(of: "-- 2 create_books (down)"))
        #expect(three.lowerBound < two.lowerBound, "newest reverted first")
        #expect(down.contains("DELETE FROM schema_migrations WHERE version = 2;"))
        let oneStep = try migrator.sql(.down, from: 3, to: nil, dialect: .sqlite)
        #expect(oneStep.contains("add_price") && !oneStep.contains("create_books"))
        #expect(Self.v1.checksum(for: .sqlite) != Self.v1.checksum(for: .postgresql))
    }

    @Test(arguments: DatabaseBackend.allCases)
    func sqlFromTheDatabaseRunsNothing(_ backend: DatabaseBackend) throws {
        try withDatabase(backend) { db in
            try db.makePool().withConnection { c in
                let migrator = try Migrator(Self.all)
                try migrator.up(c, to: 1)
                let text = try migrator.sql(.up, to: nil, on: c)
                #expect(text.contains("create_books") && !text.contains("create_authors"))
                #expect(try migrator.currentVersion(c) == 1)
            }
        }
    }

    @Test func declarationsAreValidated() {
        #expect(throws: MigrationError.self) { try Migrator([Self.v1, Self.v1]) }
        #expect(throws: MigrationError.self) {
            try Migrator([Migration(version: 1, name: "bound", up: "INSERT INTO t VALUES (\(1))", down: "DELETE FROM t")])
        }
        #expect(throws: MigrationError.self) {
            try withDatabase(.sqlite) { db in try db.makePool().withConnection { try Migrator(Self.all).up($0, to: 9) } }
        }
    }
}
