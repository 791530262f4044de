import Database
import FerryTesting
import Foundation
import Testing

@Suite("Values round-trip identically on both databases")
struct RoundTripTests {
    @Test(arguments: DatabaseBackend.allCases)
    func everyTypeRoundTrips(_ backend: DatabaseBackend) throws {
        try withSamples(backend) { pool in
            let session = pool.makeSession()
            let text = "Zoë 🚢 'quoted' \"double\" \\ back; -- not a comment"
            let blob = (0...255).map(UInt8.init)
            let at = date(microseconds: 1_795_000_000_123_456)
            let id = try session.insertReturningID("""
                INSERT INTO samples (name, count, ratio, payload, flag, happened_at, price_cents)
                VALUES (\(text), \(Int64.max), \(0.1), \(blob), \(true), \(at), \(Money("79.99")!))
                """)
            let nullID = try session.insertReturningID("""
                INSERT INTO samples (name, count, ratio, payload, flag, happened_at, price_cents)
                VALUES (\(String?.none), \(Int64?.none), \(Double?.none), \([UInt8]?.none), \(Bool?.none), \(Date?.none), \(Money?.none))
                """)
            try session.commit()

            let read = try pool.makeSession().fetchOne("SELECT * FROM samples WHERE id = \(id)", as: Sample.self)
            #expect(read == Sample(id: id, name: text, count: Int64.max, ratio: 0.1, payload: blob, flag: true,
                                   happenedAt: at, priceCents: Money(cents: 7999)))
            #expect(read?.priceCents?.description == "79.99")
            let empty = try pool.makeSession().fetchOne("SELECT * FROM samples WHERE id = \(nullID)", as: Sample.self)
            #expect(empty == Sample(id: nullID))
        }
    }

    @Test(arguments: DatabaseBackend.allCases)
    func edgeValuesRoundTrip(_ backend: DatabaseBackend) throws {
        try withSamples(backend) { pool in
            let session = pool.makeSession()
            let beforeEpoch = date(microseconds: -1_000_001)  // 1969-12-31T23:59:58.999999Z
            let values: [(String, Int64, Double, [UInt8], Bool, Date)] = [
                ("", Int64.min, -1e-300, [], false, beforeEpoch),
                ("x", 0, 1.7976931348623157e308, [0], true, date(microseconds: 0)),
            ]
            for v in values {
                try session.execute("""
                    INSERT INTO samples (name, count, ratio, payload, flag, happened_at)
                    VALUES (\(v.0), \(v.1), \(v.2), \(v.3), \(v.4), \(v.5))
                    """)
            }
            let rows = try session.fetchAll(
                "SELECT name, count, ratio, payload, flag, happened_at FROM samples ORDER BY id",
                as: (String, Int64, Double, [UInt8], Bool, Date).self)
            #expect(rows.count == 2)
            for (row, v) in zip(rows, values) {
                #expect(row.0 == v.0 && row.1 == v.1 && row.2 == v.2 && row.3 == v.3 && row.4 == v.4 && row.5 == v.5)
            }
        }
    }

    @Test(arguments: DatabaseBackend.allCases)
    func timestampsAreUTCWithMicroseconds(_ backend: DatabaseBackend) throws {
        try withSamples(backend) { pool in
            let session = pool.makeSession()
            // A value with sub-microsecond noise is stored rounded to the microsecond.
            let noisy = Date(timeIntervalSince1970: 1_795_000_000.1234561)
            try session.execute("INSERT INTO samples (happened_at) VALUES (\(noisy))")
            let back = try session.fetchScalar("SELECT happened_at FROM samples", as: Date.self)
            #expect(back == date(microseconds: 1_795_000_000_123_456))
            let asText: String?
            switch backend {
            case .sqlite:
                asText = try session.fetchScalar("SELECT happened_at FROM samples", as: String.self)
            case .postgresql:
                asText = try session.fetchScalar(
                    "SELECT to_char(happened_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') FROM samples",
                    as: String.self)
            }
            #expect(asText == "2026-11-18T11:06:40.123456Z")
            // Comparisons with bound dates work in SQL on both (text order on SQLite).
            let later = try session.fetchScalar(
                "SELECT count(*) FROM samples WHERE happened_at > \(date(microseconds: 1_795_000_000_123_455))", as: Int.self)
            #expect(later == 1)
        }
    }

    @Test(arguments: DatabaseBackend.allCases)
    func moneyIsExactInSumsAndArithmetic(_ backend: DatabaseBackend) throws {
        try withSamples(backend) { pool in
            let session = pool.makeSession()
            for amount in ["0.10", "0.10", "0.10", "79.99", "0.01"] {
                try session.execute("INSERT INTO samples (price_cents) VALUES (\(Money(amount)!))")
            }
            let total = try session.fetchScalar("SELECT SUM(price_cents) FROM samples", as: Money.self)
            #expect(total?.description == "80.30")
            let average = try session.fetchScalar("SELECT ROUND(AVG(price_cents)) FROM samples", as: Money.self)
            #expect(average == Money(cents: 1606))  // 8030 / 5 = 1606 exactly
            let tens = try session.fetchScalar(
                "SELECT SUM(price_cents) FROM samples WHERE price_cents = \(Money("0.10")!)", as: Money.self)
            #expect(tens == Money("0.30"))
        }
    }

    @Test(arguments: DatabaseBackend.allCases)
    func scalarsTuplesAndMissingRows(_ backend: DatabaseBackend) throws {
        try withSamples(backend) { pool in
            let session = pool.makeSession()
            try session.execute("INSERT INTO samples (name, count) VALUES (\("a"), \(1)), (\("b"), \(Int?.none))")
            #expect(try session.fetchScalar("SELECT count(*) FROM samples", as: Int.self) == 2)
            #expect(try session.fetchScalar("SELECT name FROM samples WHERE id = \(-1)", as: String.self) == nil)
            #expect(try session.fetchOne("SELECT * FROM samples WHERE id = \(-1)", as: Sample.self) == nil)
            let pairs = try session.fetchAll("SELECT name, count FROM samples ORDER BY name", as: (String, Int?).self)
            #expect(pairs.map(\.0) == ["a", "b"] && pairs.map(\.1) == [1, nil])
            // A NULL read into a non-optional type is an error, not a silent default.
            let error = databaseError { _ = try session.fetchAll("SELECT count FROM samples ORDER BY name", as: (Int, Int).self) }
            #expect(error?.kind == "conversion")
            let names = try session.fetchAll("SELECT name FROM samples ORDER BY name", as: String.self)
            #expect(names == ["a", "b"])
        }
    }

    enum Status: String, Decodable { case draft, published }

    struct Post: Decodable, Equatable {
        var id: Int64
        var name: String
        var status: Status
    }

    @Test(arguments: DatabaseBackend.allCases)
    func rawValueEnumsDecodeFromText(_ backend: DatabaseBackend) throws {
        try withSamples(backend) { pool in
            let session = pool.makeSession()
            let id = try session.insertReturningID("INSERT INTO samples (name) VALUES (\("published"))")
            let post = try session.fetchOne("SELECT id, name, name AS status FROM samples", as: Post.self)
            #expect(post == Post(id: id, name: "published", status: .published))
        }
    }
}
