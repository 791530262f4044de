import Database
import FerryTesting
import Testing

@Suite("SQL interpolation binds every value")
struct SQLTests {
    @Test func valuesBecomePlaceholdersPerDialect() {
        let email = "a@b.c"
        let sql: SQL = "SELECT * FROM users WHERE email = \(email) AND id > \(7) AND ok = \(true)"
        let sqlite = sql.rendered(for: .sqlite)
        #expect(sqlite.text == "SELECT * FROM users WHERE email = ? AND id > ? AND ok = ?")
        #expect(sqlite.bindings == [.text("a@b.c"), .integer(7), .bool(true)])
        let postgres = sql.rendered(for: .postgresql)
        #expect(postgres.text == "SELECT * FROM users WHERE email = $1 AND id > $2 AND ok = $3")
        #expect(postgres.bindings == sqlite.bindings)
    }

    @Test func fragmentsComposeAndKeepBindingOrder() {
        let filter: SQL = "status = \("published")"
        let byAuthor: SQL = "author_id = \(3)"
        let whereClause = SQL.joined([filter, byAuthor], separator: " AND ")
        let sql: SQL = "SELECT id FROM posts WHERE \(sql: whereClause) LIMIT \(20)"
        let rendered = sql.rendered(for: .postgresql)
        #expect(rendered.text == "SELECT id FROM posts WHERE status = $1 AND author_id = $2 LIMIT $3")
        #expect(rendered.bindings == [.text("published"), .integer(3), .integer(20)])
        #expect(SQL.joined([], separator: " AND ").isEmpty)
        var built: SQL = "SELECT 1"
        built += " WHERE x = \(1)"
        #expect((built + SQL.empty).rendered(for: .sqlite).text == "SELECT 1 WHERE x = ?")
    }

    @Test func listsRenderParenthesisedAndEmptyListsStayValid() {
        let sql: SQL = "SELECT * FROM t WHERE id IN \(list: [1, 2, 3]) AND name = \("x")"
        #expect(sql.rendered(for: .postgresql).text == "SELECT * FROM t WHERE id IN ($1, $2, $3) AND name = $4")
        let empty: SQL = "SELECT * FROM t WHERE id IN \(list: [Int]())"
        #expect(empty.rendered(for: .sqlite).text == "SELECT * FROM t WHERE id IN (SELECT CAST(NULL AS BIGINT) WHERE 1 = 0)")
        #expect(empty.rendered(for: .sqlite).bindings.isEmpty)
    }

    @Test func identifiersAreQuotedAndDialectFragmentsChosen() {
        let sql: SQL = "SELECT \(identifier: "order") FROM t\(sql: .forUpdate)"
        #expect(sql.rendered(for: .sqlite).text == "SELECT \"order\" FROM t")
        #expect(sql.rendered(for: .postgresql).text == "SELECT \"order\" FROM t FOR UPDATE")
        let tricky: SQL = "SELECT \(identifier: "we\"ird")"
        #expect(tricky.rendered(for: .sqlite).text == "SELECT \"we\"\"ird\"")
    }

    @Test func descriptionNeverShowsValues() {
        let secret = "hunter2"
        let sql: SQL = "UPDATE users SET password = \(secret)"
        #expect(!sql.description.contains(secret))
        #expect(sql.description == "UPDATE users SET password = ?")
    }
}

@Suite("Injection attempts stay data")
struct InjectionTests {
    static let attacks = [
        "Robert'); DROP TABLE samples;--",
        "' OR '1'='1",
        "1; DELETE FROM samples",
        "\\'; DROP TABLE samples; --",
        "$1",
        "?",
    ]

    @Test(arguments: DatabaseBackend.allCases)
    func hostileStringsAreStoredAndMatchedLiterally(_ backend: DatabaseBackend) throws {
        try withSamples(backend) { pool in
            let session = pool.makeSession()
            for attack in Self.attacks {
                try session.execute("INSERT INTO samples (name) VALUES (\(attack))")
            }
            try session.commit()
            let check = pool.makeSession()
            #expect(try check.fetchScalar("SELECT count(*) FROM samples", as: Int.self) == Self.attacks.count)
            for attack in Self.attacks {
                #expect(try check.fetchScalar("SELECT name FROM samples WHERE name = \(attack)", as: String.self) == attack)
            }
            // "' OR '1'='1" must not match every row.
            #expect(try check.fetchScalar("SELECT count(*) FROM samples WHERE name = \("' OR '1'='1")", as: Int.self) == 1)
            let matched = try check.fetchAll("SELECT name FROM samples WHERE name IN \(list: Self.attacks) ORDER BY id", as: String.self)
            #expect(matched == Self.attacks)
        }
    }

    @Test(arguments: DatabaseBackend.allCases)
    func inListsIncludingEmpty(_ backend: DatabaseBackend) throws {
        try withSamples(backend) { pool in
            let session = pool.makeSession()
            var ids: [Int64] = []
            for name in ["a", "b", "c"] {
                ids.append(try session.insertReturningID("INSERT INTO samples (name) VALUES (\(name))"))
            }
            let some = try session.fetchAll("SELECT name FROM samples WHERE id IN \(list: [ids[0], ids[2]]) ORDER BY id", as: String.self)
            #expect(some == ["a", "c"])
            let none = try session.fetchAll("SELECT name FROM samples WHERE id IN \(list: [Int64]())", as: String.self)
            #expect(none.isEmpty)
            let all = try session.fetchAll("SELECT name FROM samples WHERE id NOT IN \(list: [Int64]()) ORDER BY id", as: String.self)
            #expect(all == ["a", "b", "c"])
            let byName = try session.fetchAll("SELECT id FROM samples WHERE name IN \(list: [String]())", as: Int64.self)
            #expect(byName.isEmpty)
        }
    }
}
