#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Writes a date as Foundation's `.iso8601` date strategy does (`"2026-11-21T22:17:00Z"`: UTC,
/// whole seconds, the fraction dropped) without a format style per call.
enum RFC3339Timestamp {
    /// Seconds from 2001-01-01 (Date's reference) to 1970-01-01.
    private static let unixEpochOffset: Int64 = 978_307_200
    /// Dates from 1582-10-15 (the Gregorian calendar's first day: Foundation writes earlier ones
    /// in the Julian calendar) up to the end of year 9999 (four-digit years) take the fast path;
    /// others, which no row holds, are left to Foundation's formatter.
    private static let fastRange: Range<Double> = -13_197_600_000 ..< 252_423_993_600

    static func appendQuoted(_ date: Date, to bytes: inout [UInt8]) {
        // Floor, not truncation: 0.5 s before a second is still in the second before.
        let seconds = date.timeIntervalSinceReferenceDate.rounded(.down)
        guard fastRange.contains(seconds) else {
            JSONStringEscaping.appendQuoted(Date.ISO8601FormatStyle().format(date), to: &bytes)
            return
        }
        let unixSeconds = Int64(seconds) + unixEpochOffset
        let (days, secondOfDay) = unixSeconds.quotientAndRemainder(dividingBy: 86_400)
        let (dayNumber, daySeconds) = secondOfDay < 0 ? (days - 1, secondOfDay + 86_400) : (days, secondOfDay)
        let (year, month, day) = civilDate(daysSince1970: dayNumber)

        // Filled in on the stack and appended at once instead of byte by byte: a post has three dates.
        let template: StaticString = "\"0000-00-00T00:00:00Z\""
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: template.utf8CodeUnitCount) { buffer in
            _ = buffer.initialize(fromContentsOf: UnsafeBufferPointer(start: template.utf8Start, count: template.utf8CodeUnitCount))
            setTwoDigits(year / 100, at: 1, in: buffer)
            setTwoDigits(year % 100, at: 3, in: buffer)
            setTwoDigits(month, at: 6, in: buffer)
            setTwoDigits(day, at: 9, in: buffer)
            setTwoDigits(daySeconds / 3600, at: 12, in: buffer)
            setTwoDigits(daySeconds / 60 % 60, at: 15, in: buffer)
            setTwoDigits(daySeconds % 60, at: 18, in: buffer)
            bytes.append(contentsOf: buffer)
        }
    }

    /// The proleptic Gregorian (year, month, day) of a day number (Howard Hinnant's
    /// `civil_from_days`, which counts in 400-year eras from 0000-03-01).
    private static func civilDate(daysSince1970: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let shifted = daysSince1970 + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    private static func setTwoDigits(_ value: Int64, at offset: Int, in buffer: UnsafeMutableBufferPointer<UInt8>) {
        buffer[offset] = UInt8(ascii: "0") + UInt8(value / 10)
        buffer[offset + 1] = UInt8(ascii: "0") + UInt8(value % 10)
    }
}
