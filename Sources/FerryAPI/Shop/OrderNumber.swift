#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `ORD-YYYYMMDDHHMMSS-XXXXXX`: the UTC time and six random uppercase letters or digits.
enum OrderNumber {
    static func make(at date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt  // a fixed offset: FoundationEssentials has no time-zone database
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let stamp = [parts.year!, parts.month!, parts.day!, parts.hour!, parts.minute!, parts.second!]
            .enumerated().map { index, value in padded(value, to: index == 0 ? 4 : 2) }.joined()
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        var generator = SystemRandomNumberGenerator()
        let suffix = String((0..<6).map { _ in alphabet.randomElement(using: &generator)! })
        return "ORD-\(stamp)-\(suffix)"
    }

    private static func padded(_ value: Int, to width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
