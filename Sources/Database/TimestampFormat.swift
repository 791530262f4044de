#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// UTC timestamps as microseconds since the Unix epoch, and their ISO-8601 text.
///
/// Written by hand rather than with a date formatter: it runs for every timestamp
/// column of every row, and the format is fixed.
enum TimestampFormat {
    static func microseconds(of date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
    }

    static func date(microseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(microseconds) / 1_000_000)
    }

    /// `2026-11-21T19:17:05.123456Z`: fixed width, so text comparison orders correctly.
    static func iso8601(microseconds: Int64) -> String {
        let (seconds, fraction) = floorDivide(microseconds, 1_000_000)
        let (days, secondOfDay) = floorDivide(seconds, 86_400)
        let (year, month, day) = civil(fromDays: days)
        var out = [UInt8]()
        out.reserveCapacity(27)
        append(&out, year, width: 4)
        out.append(UInt8(ascii: "-"))
        append(&out, month, width: 2)
        out.append(UInt8(ascii: "-"))
        append(&out, day, width: 2)
        out.append(UInt8(ascii: "T"))
        append(&out, secondOfDay / 3600, width: 2)
        out.append(UInt8(ascii: ":"))
        append(&out, secondOfDay / 60 % 60, width: 2)
        out.append(UInt8(ascii: ":"))
        append(&out, secondOfDay % 60, width: 2)
        out.append(UInt8(ascii: "."))
        append(&out, fraction, width: 6)
        out.append(UInt8(ascii: "Z"))
        return String(decoding: out, as: UTF8.self)
    }

    /// Reads `YYYY-MM-DD[T| ]HH:MM:SS[.ffffff][Z|±HH[:MM]]` (no zone means UTC), as
    /// written by this module, by PostgreSQL's ISO DateStyle and by SQLite's
    /// `CURRENT_TIMESTAMP`/`strftime`. A bare date means midnight UTC.
    static func parseMicroseconds(_ text: String) -> Int64? {
        var text = text
        return text.withUTF8 { parse($0) }
    }

    /// The same, on the bytes in place (a libpq value, a String's UTF-8): no copy, as it
    /// runs for every timestamp of every row.
    static func parse(_ b: UnsafeBufferPointer<UInt8>) -> Int64? {
        var i = 0
        func number(_ width: Int) -> Int64? {
            guard i + width <= b.count else { return nil }
            var v: Int64 = 0
            for k in i..<(i + width) {
                let c = b[k]
                guard c >= 48 && c <= 57 else { return nil }
                v = v * 10 + Int64(c - 48)
            }
            i += width
            return v
        }
        func expect(_ c: Unicode.Scalar) -> Bool {
            guard i < b.count, b[i] == UInt8(ascii: c) else { return false }
            i += 1
            return true
        }
        guard let year = number(4), expect("-"), let month = number(2), expect("-"), let day = number(2),
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        var micros = days(fromYear: year, month: month, day: day) * 86_400_000_000
        if i == b.count { return micros }
        guard b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: " ") else { return nil }
        i += 1
        guard let hour = number(2), expect(":"), let minute = number(2), expect(":"), let second = number(2),
              hour < 24, minute < 60, second < 61 else { return nil }
        micros += ((hour * 60 + minute) * 60 + second) * 1_000_000
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            var scale: Int64 = 100_000
            var fraction: Int64 = 0
            var digits = 0
            var roundUp = false
            while i < b.count, b[i] >= 48, b[i] <= 57 {
                if digits < 6 {
                    fraction += Int64(b[i] - 48) * scale
                    scale /= 10
                } else if digits == 6 {
                    roundUp = b[i] >= 53
                }
                digits += 1
                i += 1
            }
            guard digits > 0 else { return nil }
            micros += fraction + (roundUp ? 1 : 0)
        }
        if i == b.count { return micros }
        if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
            return i + 1 == b.count ? micros : nil
        }
        guard b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") else { return nil }
        let sign: Int64 = b[i] == UInt8(ascii: "+") ? 1 : -1
        i += 1
        guard let offsetHours = number(2) else { return nil }
        var offsetMinutes: Int64 = 0
        if i < b.count {
            _ = expect(":")
            guard let m = number(2) else { return nil }
            offsetMinutes = m
        }
        guard i == b.count else { return nil }
        return micros - sign * (offsetHours * 60 + offsetMinutes) * 60_000_000
    }

    private static func floorDivide(_ a: Int64, _ b: Int64) -> (Int64, Int64) {
        let q = a / b
        let r = a % b
        return r < 0 ? (q - 1, r + b) : (q, r)
    }

    private static func append(_ out: inout [UInt8], _ value: Int64, width: Int) {
        var digits = [UInt8](repeating: 48, count: width)
        var v = value
        var k = width - 1
        while k >= 0 {
            digits[k] = UInt8(48 + v % 10)
            v /= 10
            k -= 1
        }
        out.append(contentsOf: digits)
    }

    // Howard Hinnant's days_from_civil / civil_from_days (proleptic Gregorian).
    private static func days(fromYear y0: Int64, month m: Int64, day d: Int64) -> Int64 {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    private static func civil(fromDays z0: Int64) -> (Int64, Int64, Int64) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
