import Database
import FerryTesting
import Testing

@Suite("Constraint violations become typed errors")
struct ErrorMappingTests {
    static let schema: [SQL] = [
        .dialect(
            sqlite: "CREATE TABLE authors (id INTEGER PRIMARY KEY, email TEXT NOT NULL CONSTRAINT uq_authors_email UNIQUE)",
            postgresql: "CREATE TABLE authors (id BIGINT PRIMARY KEY, email TEXT NOT NULL CONSTRAINT uq_authors_email UNIQUE)"),
        """
        CREATE TABLE books (
            id BIGINT PRIMARY KEY,
            author_id BIGINT NOT NULL CONSTRAINT fk_books_author REFERENCES authors (id),
            pages BIGINT CONSTRAINT ck_books_pages CHECK (pages > 0)
        )
        """,
    ]

    func withSchema(_ backend: DatabaseBackend, _ body: (Session) throws -> Void) throws {
        try withDatabase(backend) { db in
            let pool = db.makePool()
            let setup = pool.makeSession()
            for statement in Self.schema { try setup.execute(statement) }
            try setup.execute("INSERT INTO authors (id, email) VALUES (\(1), \("a@x.org"))")
            try setup.commit()
            let session = pool.makeSession()
            defer { session.close() }
            try body(session)
        }
    }

    @Test(arguments: DatabaseBackend.allCases)
    func uniqueViolation(_ backend: DatabaseBackend) throws {
        try withSchema(backend) { session in
            let error = databaseError { try session.execute("INSERT INTO authors (id, email) VALUES (\(2), \("a@x.org"))") }
            #expect(error?.kind == "unique")
            #expect(error?.isConstraintConflict == true)
            #expect(error?.constraintName == (backend == .postgresql ? "uq_authors_email" : "authors.email"))
            let duplicateKey = databaseError { try session.execute("INSERT INTO authors (id, email) VALUES (\(1), \("b@x.org"))") }
            #expect(duplicateKey?.kind == (backend == .postgresql ? "statement" : "unique"),
                    "on PostgreSQL the first failure aborted the transaction")
        }
    }

    @Test(arguments: DatabaseBackend.allCases)
    func primaryKeyDuplicateIsUnique(_ backend: DatabaseBackend) throws {
        try withSchema(backend) { session in
            let error = databaseError { try session.execute("INSERT INTO authors (id, email) VALUES (\(1), \("new@x.org"))") }
            #expect(error?.kind == "unique")
        }
    }

    @Test(arguments: DatabaseBackend.allCases)
    func foreignKeyViolation(_ backend: DatabaseBackend) throws {
        try withSchema(backend) { session in
            let error = databaseError { try session.execute("INSERT INTO books (id, author_id, pages) VALUES (\(1), \(99), \(10))") }
            #expect(error?.kind == "foreignKey")
            if backend == .postgresql { #expect(error?.constraintName == "fk_books_author") }
        }
    }

    @Test(arguments: DatabaseBackend.allCases)
    func checkViolation(_ backend: DatabaseBackend) throws {
        try withSchema(backend) { session in
            let error = databaseError { try session.execute("INSERT INTO books (id, author_id, pages) VALUES (\(1), \(1), \(0))") }
            #expect(error?.kind == "check")
            #expect(error?.constraintName == "ck_books_pages")
        }
    }

    @Test(arguments: DatabaseBackend.allCases)
    func notNullViolation(_ backend: DatabaseBackend) throws {
        try withSchema(backend) { session in
            let error = databaseError { try session.execute("INSERT INTO authors (id, email) VALUES (\(5), \(String?.none))") }
            #expect(error?.kind == "notNull")
            #expect(error?.constraintName?.hasSuffix("email") == true)
        }
    }

    @Test(arguments: DatabaseBackend.allCases)
    func syntaxErrorsAreStatementErrors(_ backend: DatabaseBackend) throws {
        try withSchema(backend) { session in
            let error = databaseError { try session.execute("SELEC 1") }
            #expect(error?.kind == "statement")
            #expect(error?.isRetryable == false && error?.isUnavailable == false)
        }
    }

    @Test func unreachableServerIsConnectionFailed() throws {
        let port = 1  // nothing listens on port 1
        let pool = ConnectionPool(url: try DatabaseURL("postgresql://nobody@127.0.0.1:\(port)/none?connect_timeout=2"))
        let error = databaseError { try pool.checkHealth() }
        #expect(error?.kind == "connectionFailed")
        #expect(error?.isUnavailable == true)
        #expect(pool.status.total == 0, "a failed open frees its slot")
    }
}
