import Database
import FerryTesting
import Foundation
import Logging
import Synchronization

/// The sample table most tests use, declared per dialect.
let createSamples: SQL = .dialect(
    sqlite: """
        CREATE TABLE samples (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            name TEXT,
            count BIGINT,
            ratio REAL,
            payload BLOB,
            flag BOOLEAN,
            happened_at TEXT,
            price_cents BIGINT
        )
        """,
    postgresql: """
        CREATE TABLE samples (
            id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            name TEXT,
            count BIGINT,
            ratio DOUBLE PRECISION,
            payload BYTEA,
            flag BOOLEAN,
            happened_at TIMESTAMPTZ,
            price_cents BIGINT
        )
        """)

struct Sample: Decodable, Equatable {
    var id: Int64
    var name: String?
    var count: Int64?
    var ratio: Double?
    var payload: [UInt8]?
    var flag: Bool?
    var happenedAt: Date?
    var priceCents: Money?
}

/// Runs `body` with a fresh database and a pool on it, the samples table created.
func withSamples<R>(_ backend: DatabaseBackend, _ options: PoolOptions = PoolOptions(),
                    _ body: (ConnectionPool) throws -> R) throws -> R {
    try withDatabase(backend) { db in
        let pool = db.makePool(options)
        let session = pool.makeSession()
        try session.execute(createSamples)
        try session.commit()
        return try body(pool)
    }
}

/// A date at an exact microsecond, as the database hands it back.
func date(microseconds: Int64) -> Date {
    Date(timeIntervalSince1970: Double(microseconds) / 1_000_000)
}

extension DatabaseError {
    /// The case name, for readable expectations.
    var kind: String {
        switch self {
        case .uniqueViolation: "unique"
        case .foreignKeyViolation: "foreignKey"
        case .checkViolation: "check"
        case .notNullViolation: "notNull"
        case .serializationFailure: "serialization"
        case .deadlock: "deadlock"
        case .readOnlyTransaction: "readOnly"
        case .busy: "busy"
        case .connectionLost: "connectionLost"
        case .connectionFailed: "connectionFailed"
        case .poolTimeout: "poolTimeout"
        case .poolClosed: "poolClosed"
        case .statement: "statement"
        case .conversion: "conversion"
        case .misuse: "misuse"
        }
    }
}

/// Runs `body` and returns the `DatabaseError` it threw (nil if none or another error).
func databaseError(_ body: () throws -> Void) -> DatabaseError? {
    do {
        try body()
        return nil
    } catch let error as DatabaseError {
        return error
    } catch {
        return nil
    }
}
