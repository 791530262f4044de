import Database
import Foundation
import Testing

@Suite("Configuration and URLs")
struct ConfigurationTests {
    @Test func sqliteURLs() throws {
        #expect(try DatabaseURL("sqlite:///./ferry.db") == .sqliteFile(path: "./ferry.db"))
        #expect(try DatabaseURL("sqlite:///ferry.db") == .sqliteFile(path: "ferry.db"))
        #expect(try DatabaseURL("sqlite:////abs/path.db") == .sqliteFile(path: "/abs/path.db"))
        #expect(try DatabaseURL("sqlite::memory:") == .sqliteMemory)
        #expect(try DatabaseURL("sqlite:///:memory:") == .sqliteMemory)
        #expect(try DatabaseURL("sqlite:///./ferry.db").dialect == .sqlite)
    }

    @Test func postgresURLs() throws {
        guard case .postgresql(let o) = try DatabaseURL("postgresql://ferry:p%40ss%3Aword@db.example:6543/app?sslmode=require&connect_timeout=5") else {
            Issue.record("not parsed as PostgreSQL")
            return
        }
        #expect(o.user == "ferry" && o.password == "p@ss:word" && o.host == "db.example" && o.port == 6543 && o.database == "app")
        #expect(o.parameters == ["sslmode": "require", "connect_timeout": "5"])
        #expect(!DatabaseURL.postgresql(o).description.contains("p@ss"))

        guard case .postgresql(let socket) = try DatabaseURL("postgres://me@/app?host=/run/postgresql") else {
            Issue.record("not parsed as PostgreSQL")
            return
        }
        #expect(socket.host == "/run/postgresql" && socket.user == "me" && socket.database == "app" && socket.port == nil)
        guard case .postgresql(let v6) = try DatabaseURL("postgresql://[::1]:5432/db") else { return }
        #expect(v6.host == "::1" && v6.port == 5432)
    }

    @Test(arguments: ["mysql://x/y", "sqlite://relative.db", "sqlite:///", "postgresql://h:99999/db",
                      "postgresql://h/db?sslmod=require", "ferry.db", ""])
    func badURLsNameTheAcceptedForms(_ text: String) {
        do {
            _ = try DatabaseURL(text)
            Issue.record("\(text) was accepted")
        } catch {
            #expect(error.variable == "DATABASE_URL")
            #expect(error.description.contains("sqlite:///./relative.db"))
            #expect(error.description.contains("postgresql://"))
        }
    }

    @Test func environmentDefaultsAndOverrides() throws {
        let defaults = try DatabaseConfiguration(environment: [:])
        #expect(defaults.url == .sqliteFile(path: "./ferry.db"))
        #expect(defaults.pool.size == 5 && defaults.pool.maxOverflow == 10 && defaults.pool.timeout == 30)
        #expect(defaults.pool.recycle == 1800 && defaults.pool.prePing && !defaults.echo)

        let custom = try DatabaseConfiguration(environment: [
            "DATABASE_URL": "sqlite::memory:", "DB_POOL_SIZE": "2", "DB_MAX_OVERFLOW": "0", "DB_POOL_TIMEOUT": "1.5",
            "DB_POOL_RECYCLE": "-1", "DB_POOL_PRE_PING": "false", "DB_ECHO": "true",
        ])
        #expect(custom.url == .sqliteMemory && custom.pool.size == 2 && custom.pool.maxOverflow == 0)
        #expect(custom.pool.timeout == 1.5 && custom.pool.recycle == nil && !custom.pool.prePing && custom.echo)
    }

    @Test(arguments: [("DB_POOL_SIZE", "0"), ("DB_POOL_SIZE", "five"), ("DB_MAX_OVERFLOW", "-1"),
                      ("DB_POOL_TIMEOUT", "soon"), ("DB_POOL_RECYCLE", "-5"), ("DB_POOL_PRE_PING", "maybe"),
                      ("DB_ECHO", "2"), ("DATABASE_URL", "oracle://x")])
    func badValuesNameTheVariable(_ variable: String, _ value: String) {
        do {
            _ = try DatabaseConfiguration(environment: [variable: value])
            Issue.record("\(variable)=\(value) was accepted")
        } catch {
            #expect(error.variable == variable)
            #expect(error.description.hasPrefix(variable + ":"))
        }
    }
}

@Suite("Money")
struct MoneyTests {
    @Test func parsesAndFormatsExactly() {
        #expect(Money("79.99")?.cents == 7999)
        #expect(Money("79.9")?.cents == 7990)
        #expect(Money("79")?.description == "79.00")
        #expect(Money("-0.05")?.description == "-0.05")
        #expect(Money("0.10")! * 3 == Money("0.30")!)
        for bad in ["79.999", "1e3", "", ".", "1.", "+1", "1,00", "99999999999999999999"] {
            #expect(Money(bad) == nil, "\(bad) should be refused")
        }
    }

    @Test func codesAsJSONStringsAndAcceptsNumbers() throws {
        struct Item: Codable { var price: Money }
        let decoded = try JSONDecoder().decode([Item].self, from: Data(#"[{"price": "79.99"}, {"price": 0.1}]"#.utf8))
        #expect(decoded.map(\.price) == [Money(cents: 7999), Money(cents: 10)])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Item.self, from: Data(#"{"price": 1.234}"#.utf8)) }
        let encoded = String(decoding: try JSONEncoder().encode(Item(price: Money(cents: 5))), as: UTF8.self)
        #expect(encoded == #"{"price":"0.05"}"#)
    }
}
