#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

// Conversions of the standard library types. Reading is lenient where a database
// legitimately hands back another storage class (SQLite's dynamic typing, PostgreSQL
// NUMERIC results of SUM/AVG), and strict where a value would be lost.

extension Int64: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { .integer(self) }
    public static var sqlTypeName: StaticString { "BIGINT" }

    public static func fromDatabaseValue(_ value: DatabaseValue) throws -> Int64 {
        switch value {
        case .integer(let v): return v
        case .bool(let b): return b ? 1 : 0
        case .double(let d):
            // ROUND(AVG(x)) comes back as REAL on SQLite: accept only whole numbers.
            if d.rounded() == d, let v = Int64(exactly: d) { return v }
        case .numeric(let text), .text(let text):
            if let v = Int64(text) { return v }
            // PostgreSQL may render a whole NUMERIC with a zero scale ("12.00").
            if let dot = text.firstIndex(of: "."),
               text[text.index(after: dot)...].allSatisfy({ $0 == "0" }),
               let v = Int64(text[..<dot]) { return v }
        default: break
        }
        throw conversionError(value)
    }
}

extension Int: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { .integer(Int64(self)) }
    public static var sqlTypeName: StaticString { "BIGINT" }

    public static func fromDatabaseValue(_ value: DatabaseValue) throws -> Int {
        guard let v = Int(exactly: try Int64.fromDatabaseValue(value)) else { throw conversionError(value) }
        return v
    }
}

extension Int32: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { .integer(Int64(self)) }
    public static var sqlTypeName: StaticString { "INTEGER" }

    public static func fromDatabaseValue(_ value: DatabaseValue) throws -> Int32 {
        guard let v = Int32(exactly: try Int64.fromDatabaseValue(value)) else { throw conversionError(value) }
        return v
    }
}

extension Bool: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { .bool(self) }
    public static var sqlTypeName: StaticString { "BOOLEAN" }

    public static func fromDatabaseValue(_ value: DatabaseValue) throws -> Bool {
        switch value {
        case .bool(let b): return b
        case .integer(let v): return v != 0
        default: throw conversionError(value)
        }
    }
}

extension String: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { .text(self) }
    public static var sqlTypeName: StaticString { "TEXT" }

    public static func fromDatabaseValue(_ value: DatabaseValue) throws -> String {
        switch value {
        case .text(let s), .numeric(let s): return s
        case .integer(let v): return String(v)
        case .double(let d): return String(d)
        case .timestamp(let us): return TimestampFormat.iso8601(microseconds: us)
        default: throw conversionError(value)
        }
    }
}

extension Double: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { .double(self) }
    public static var sqlTypeName: StaticString { "DOUBLE PRECISION" }

    public static func fromDatabaseValue(_ value: DatabaseValue) throws -> Double {
        switch value {
        case .double(let d): return d
        case .integer(let v): return Double(v)
        case .numeric(let s), .text(let s):
            if let d = Double(s) { return d }
        default: break
        }
        throw conversionError(value)
    }
}

extension Array: DatabaseValueConvertible where Element == UInt8 {
    public var databaseValue: DatabaseValue { .blob(self) }
    public static var sqlTypeName: StaticString { "BYTEA" }

    public static func fromDatabaseValue(_ value: DatabaseValue) throws -> [UInt8] {
        switch value {
        case .blob(let bytes): return bytes
        case .text(let s): return Array(s.utf8)
        default: throw conversionError(value)
        }
    }
}

extension Data: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { .blob([UInt8](self)) }
    public static var sqlTypeName: StaticString { "BYTEA" }

    public static func fromDatabaseValue(_ value: DatabaseValue) throws -> Data {
        Data(try [UInt8].fromDatabaseValue(value))
    }
}

/// Dates are instants in UTC at microsecond precision: `timestamptz` on PostgreSQL,
/// `2026-11-21T19:17:05.123456Z` text on SQLite (which sorts and compares correctly
/// as text). Sub-microsecond parts are rounded away, identically on both databases.
extension Date: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { .timestamp(microseconds: TimestampFormat.microseconds(of: self)) }
    public static var sqlTypeName: StaticString { "TIMESTAMP" }

    public static func fromDatabaseValue(_ value: DatabaseValue) throws -> Date {
        switch value {
        case .timestamp(let us): return TimestampFormat.date(microseconds: us)
        case .text(let s):
            if let us = TimestampFormat.parseMicroseconds(s) { return TimestampFormat.date(microseconds: us) }
            throw DatabaseError.conversion("cannot read a timestamp from text that is not ISO-8601")
        case .integer(let seconds): return Date(timeIntervalSince1970: Double(seconds))
        default: throw conversionError(value)
        }
    }
}

extension Optional: DatabaseValueConvertible where Wrapped: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { self?.databaseValue ?? .null }
    public static var sqlTypeName: StaticString { Wrapped.sqlTypeName }

    public static func fromDatabaseValue(_ value: DatabaseValue) throws -> Wrapped? {
        if case .null = value { return nil }
        return try Wrapped.fromDatabaseValue(value)
    }
}

extension DatabaseValue: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { self }
    public static func fromDatabaseValue(_ value: DatabaseValue) throws -> DatabaseValue { value }
}
