#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// An exact amount of money with two fraction digits.
///
/// Stored as an integer number of cents in a `BIGINT` column on both databases, so
/// `79.99` is `7999` everywhere: no binary floating point on the way, and SQL
/// aggregates stay exact (`SUM` of cents is an integer; PostgreSQL returns it as
/// `NUMERIC`, which reads back exactly). Averages must be rounded in SQL
/// (`ROUND(AVG(price_cents))`) before being read as `Money`.
///
/// JSON: encoded as a string with exactly two fraction digits (`"79.99"`); decoded
/// from such a string or from a JSON number with at most two fraction digits.
public struct Money: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var cents: Int64

    public init(cents: Int64) {
        self.cents = cents
    }

    /// Parses `"79.99"`, `"79.9"`, `"79"`, `"-0.05"`; nil for more than two fraction
    /// digits, signs other than a leading `-`, exponents, or an amount out of range.
    public init?(_ text: some StringProtocol) {
        var utf8 = Array(text.utf8)
        var negative = false
        if utf8.first == UInt8(ascii: "-") {
            negative = true
            utf8.removeFirst()
        }
        var whole: Int64 = 0
        var fraction: Int64 = 0
        var fractionDigits = -1
        var wholeDigits = 0
        for c in utf8 {
            if c == UInt8(ascii: ".") {
                guard fractionDigits < 0 else { return nil }
                fractionDigits = 0
                continue
            }
            guard c >= 48, c <= 57 else { return nil }
            let digit = Int64(c - 48)
            if fractionDigits >= 0 {
                fractionDigits += 1
                guard fractionDigits <= 2 else { return nil }
                fraction = fraction * 10 + digit
            } else {
                wholeDigits += 1
                let (times10, o1) = whole.multipliedReportingOverflow(by: 10)
                let (sum, o2) = times10.addingReportingOverflow(digit)
                guard !o1, !o2 else { return nil }
                whole = sum
            }
        }
        guard wholeDigits > 0, fractionDigits != 0 else { return nil }
        if fractionDigits == 1 { fraction *= 10 }
        let (scaled, o1) = whole.multipliedReportingOverflow(by: 100)
        let (total, o2) = scaled.addingReportingOverflow(fraction)
        guard !o1, !o2 else { return nil }
        cents = negative ? -total : total
    }

    /// Converts an exact decimal; nil when it has more than two fraction digits.
    public init?(exactly decimal: Decimal) {
        // Decimal's description is plain digits ("79.99", "100"), never an exponent.
        self.init(decimal.description)
    }

    /// The amount as an exact `Decimal`.
    public var decimal: Decimal {
        Decimal(cents) / 100
    }

    public var description: String {
        let magnitude = cents.magnitude
        let fraction = magnitude % 100
        return (cents < 0 ? "-" : "") + String(magnitude / 100) + (fraction < 10 ? ".0" : ".") + String(fraction)
    }

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.cents < rhs.cents }
    public static func + (lhs: Money, rhs: Money) -> Money { Money(cents: lhs.cents + rhs.cents) }
    public static func - (lhs: Money, rhs: Money) -> Money { Money(cents: lhs.cents - rhs.cents) }
    public static func * (lhs: Money, rhs: Int) -> Money { Money(cents: lhs.cents * Int64(rhs)) }
    public static let zero = Money(cents: 0)
}

extension Money: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { .integer(cents) }
    public static var sqlTypeName: StaticString { "BIGINT" }

    public static func fromDatabaseValue(_ value: DatabaseValue) throws -> Money {
        do {
            return Money(cents: try Int64.fromDatabaseValue(value))
        } catch {
            throw DatabaseError.conversion(
                "cannot read Money (integer cents) from a \(value.kindName) value; round averages in SQL")
        }
    }
}

extension Money: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            guard let money = Money(text) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "not an amount with at most two fraction digits")
            }
            self = money
            return
        }
        let decimal = try container.decode(Decimal.self)
        guard let money = Money(exactly: decimal) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "not an amount with at most two fraction digits")
        }
        self = money
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
