import Database
import FerryTesting
import Foundation
import Testing

@Suite("Records read by position (RowDecodable)")
struct RowDecodableTests {
    enum Status: String, DatabaseStringEnum, Decodable { case draft, published }

    /// Every column of `samples`, read by position into the `Decodable` test record.
    struct SampleRow: RowDecodable, Equatable {
        var sample: Sample

        static let columns: [StaticString] = ["id", "name", "count", "ratio", "payload", "flag", "happened_at", "price_cents"]

        init(row: inout RowReader) throws {
            sample = Sample(
                id: try row.next(), name: try row.next(), count: try row.next(), ratio: try row.next(), payload: try row.next(),
                flag: try row.next(), happenedAt: try row.next(), priceCents: try row.next())
        }
    }

    struct Named: RowDecodable, Equatable {
        var id: Int
        var name: String
        static let columns: [StaticString] = ["id", "name"]
        init(row: inout RowReader) throws {
            id = try row.next()
            name = try row.next()
        }
    }

    struct WithStatus: RowDecodable, Equatable {
        var id: Int
        var status: Status
        var previous: Status?
        static let columns: [StaticString] = ["id", "status", "previous"]
        init(row: inout RowReader) throws {
            id = try row.next()
            status = try row.next()
            previous = try row.next()
        }
    }

    /// Both `Decodable` and `RowDecodable`: `Session` must pick the positional path.
    struct Both: Decodable, RowDecodable {
        var id: Int
        var via: String
        static let columns: [StaticString] = ["id"]
        init(row: inout RowReader) throws {
            id = try row.next()
            via = "row"
        }
        enum CodingKeys: String, CodingKey { case id }
        init(from decoder: any Decoder) throws {
            id = try decoder.container(keyedBy: CodingKeys.self).decode(Int.self, forKey: .id)
            via = "codable"
        }
    }

    /// Declares two columns but reads one: a bug the decoding reports.
    struct ReadsTooFew: RowDecodable {
        var id: Int
        static let columns: [StaticString] = ["id", "name"]
        init(row: inout RowReader) throws { id = try row.next() }
    }

    static func message(_ error: DatabaseError?) -> String {
        error.map { "\($0)" } ?? ""
    }

    static func insertSamples(_ session: Session) throws -> (full: Int64, nulls: Int64) {
        let text = "Zoë 🚢 'quoted' \"double\" \\ back"
        let full = try session.insertReturningID("""
            INSERT INTO samples (name, count, ratio, payload, flag, happened_at, price_cents)
            VALUES (\(text), \(Int64.max), \(0.1), \((0...255).map(UInt8.init)), \(true),
                    \(date(microseconds: 1_795_000_000_123_456)), \(Money("79.99")!))
            """)
        let nulls = try session.insertReturningID("INSERT INTO samples (name) VALUES (\(String?.none))")
        try session.execute("""
            INSERT INTO samples (name, count, ratio, payload, flag, happened_at, price_cents)
            VALUES (\(""), \(Int64.min), \(-1e-300), \([UInt8]()), \(false), \(date(microseconds: -1_000_001)), \(Money("-0.05")!))
            """)
        return (full, nulls)
    }

    @Test(arguments: DatabaseBackend.allCases)
    func everyTypeReadsAsTheCodablePathReadsIt(_ backend: DatabaseBackend) throws {
        try withSamples(backend) { pool in
            let session = pool.makeSession()
            let ids = try Self.insertSamples(session)
            let sql: SQL = "SELECT \(sql: SQL.columns(SampleRow.columns)) FROM samples ORDER BY id"
            let positional = try session.fetchAll(sql, as: SampleRow.self).map(\.sample)
            let codable = try session.fetchAll(sql, as: Sample.self)
            #expect(positional.count == 3)
            #expect(positional == codable)
            #expect(positional[0].happenedAt == date(microseconds: 1_795_000_000_123_456))
            #expect(positional[0].priceCents?.description == "79.99")
            #expect(positional[1] == Sample(id: ids.nulls))
            #expect(positional[2].happenedAt == date(microseconds: -1_000_001) && positional[2].count == Int64.min)
            let one = try session.fetchOne("SELECT \(sql: SQL.columns(SampleRow.columns)) FROM samples WHERE id = \(ids.full)", as: SampleRow.self)
            #expect(one?.sample == positional[0])
            #expect(try session.fetchOne("SELECT \(sql: SQL.columns(SampleRow.columns)) FROM samples WHERE id = \(-1)", as: SampleRow.self) == nil)
            #expect(try session.fetchAll("SELECT \(sql: SQL.columns(SampleRow.columns)) FROM samples WHERE id = \(-1)", as: SampleRow.self).isEmpty)
        }
    }

    @Test(arguments: DatabaseBackend.allCases)
    func stringEnumsReadAndBind(_ backend: DatabaseBackend) throws {
        try withSamples(backend) { pool in
            let session = pool.makeSession()
            try session.execute("INSERT INTO samples (name) VALUES (\(Status.published)), (\(Status?.none))")
            let rows = try session.fetchAll("""
                SELECT s.id, 'draft' AS status, s.name AS previous FROM samples s ORDER BY s.id
                """, as: WithStatus.self)
            #expect(rows.map(\.status) == [.draft, .draft])
            #expect(rows.map(\.previous) == [.published, nil])
            // The Codable path reads a conforming enum through the same conversion.
            struct Legacy: Decodable { var name: Status? }
            #expect(try session.fetchAll("SELECT name FROM samples ORDER BY id", as: Legacy.self).map(\.name) == [.published, nil])
        }
    }

    @Test(arguments: DatabaseBackend.allCases)
    func anUnknownEnumValueNamesTheRecordAndColumn(_ backend: DatabaseBackend) throws {
        try withSamples(backend) { pool in
            let session = pool.makeSession()
            try session.execute("INSERT INTO samples (name) VALUES (\("deleted"))")
            let error = databaseError {
                _ = try session.fetchAll("SELECT id, name AS status, NULL AS previous FROM samples", as: WithStatus.self)
            }
            #expect(error?.kind == "conversion")
            let message = Self.message(error)
            #expect(message.contains("WithStatus.status"))
            #expect(message.contains("no Status raw value"))
            #expect(!message.contains("deleted"))  // values stay out of error messages
        }
    }

    /// The columns are compared once per statement and record type, then remembered: a
    /// second record type read from the same cached statement is still checked.
    @Test(arguments: DatabaseBackend.allCases)
    func aStatementThatMatchedOneRecordIsStillCheckedForAnother(_ backend: DatabaseBackend) throws {
        try withSamples(backend) { pool in
            let session = pool.makeSession()
            try session.execute("INSERT INTO samples (name) VALUES (\("a"))")
            let sql: SQL = "SELECT id, name FROM samples"
            #expect(try session.fetchOne(sql, as: Named.self)?.name == "a")
            #expect(try session.fetchOne(sql, as: Named.self)?.name == "a")
            #expect(databaseError { _ = try session.fetchOne(sql, as: ReadsTooFew.self) }?.kind == "misuse")
            #expect(databaseError { _ = try session.fetchOne(sql, as: Both.self) }?.kind == "conversion")
            #expect(try session.fetchAll(sql, as: Named.self).map(\.name) == ["a"])
        }
    }

    @Test(arguments: DatabaseBackend.allCases)
    func otherColumnsOrAnotherOrderFailNamingBoth(_ backend: DatabaseBackend) throws {
        try withSamples(backend) { pool in
            let session = pool.makeSession()
            try session.execute("INSERT INTO samples (name) VALUES (\("a"))")
            let statements: [SQL] = [
                "SELECT name, id FROM samples",
                "SELECT id FROM samples",
                "SELECT id, name, count FROM samples",
                "SELECT id, name AS title FROM samples",
            ]
            for sql in statements {
                let error = databaseError { _ = try session.fetchAll(sql, as: Named.self) }
                #expect(error?.kind == "conversion", "\(sql)")
                #expect(Self.message(error).contains("Named reads the columns (id, name) but the result has ("), "\(sql)")
                #expect(databaseError { _ = try session.fetchOne(sql, as: Named.self) }?.kind == "conversion", "\(sql)")
            }
            #expect(try session.fetchOne("SELECT id, name FROM samples", as: Named.self)?.name == "a")
        }
    }

    @Test(arguments: DatabaseBackend.allCases)
    func aValueThatDoesNotConvertNamesTheRecordAndColumn(_ backend: DatabaseBackend) throws {
        try withSamples(backend) { pool in
            let session = pool.makeSession()
            try session.execute("INSERT INTO samples (count) VALUES (\(1))")
            let error = databaseError { _ = try session.fetchAll("SELECT id, name FROM samples", as: Named.self) }
            #expect(error?.kind == "conversion")
            #expect(Self.message(error).contains("Named.name: cannot convert a null column value to String"))
        }
    }

    @Test(arguments: DatabaseBackend.allCases)
    func aRecordOfBothKindsIsReadByPosition(_ backend: DatabaseBackend) throws {
        try withSamples(backend) { pool in
            let session = pool.makeSession()
            try session.execute("INSERT INTO samples (name) VALUES (\("a"))")
            #expect(try session.fetchAll("SELECT id FROM samples", as: Both.self).map(\.via) == ["row"])
            #expect(try session.fetchOne("SELECT id FROM samples", as: Both.self)?.via == "row")
            #expect(try session.fetchRows("SELECT id FROM samples")[0].decode(Both.self).via == "codable")
        }
    }

    @Test(arguments: DatabaseBackend.allCases)
    func aRecordReadingFewerColumnsThanItDeclaresIsMisuse(_ backend: DatabaseBackend) throws {
        try withSamples(backend) { pool in
            let session = pool.makeSession()
            try session.execute("INSERT INTO samples (name) VALUES (\("a"))")
            let error = databaseError { _ = try session.fetchAll("SELECT id, name FROM samples", as: ReadsTooFew.self) }
            #expect(error?.kind == "misuse")
        }
    }

    @Test func columnListsRenderFromCode() {
        #expect(SQL.columns(Named.columns).description == "id, name")
        #expect(SQL.columns(Named.columns, of: "p").description == "p.id, p.name")
        #expect(SQL.columns([]).isEmpty)
    }
}
