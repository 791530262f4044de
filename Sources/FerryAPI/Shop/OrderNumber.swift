import Foundation

/// `ORD-YYYYMMDDHHMMSS-XXXXXX`: the UTC time and six random uppercase letters or digits.
enum OrderNumber {
    static func make(at date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let stamp = [parts.year!, parts.month!, parts.day!, parts.hour!, parts.minute!, parts.second!]
            .enumerated().map { index, value in index == 0 ? String(format: "%04d", value) : String(format: "%02d", value) }.joined()
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        var generator = SystemRandomNumberGenerator()
        let suffix = String((0..<6).map { _ in alphabet.randomElement(using: &generator)! })
        return "ORD-\(stamp)-\(suffix)"
    }
}
