/// An HTTP request method. Unknown methods are kept by name so the router can answer 405.
public struct HTTPMethod: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) {
        // Methods arrive upper-case; only the rare other spelling pays for a copy.
        var text = rawValue
        let hasLowerCase = text.withUTF8 { $0.contains { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") } }
        self.rawValue = hasLowerCase ? rawValue.uppercased() : rawValue
    }
    public init(_ name: String) { self.init(rawValue: name) }

    public static let get = HTTPMethod(rawValue: "GET")
    public static let head = HTTPMethod(rawValue: "HEAD")
    public static let post = HTTPMethod(rawValue: "POST")
    public static let put = HTTPMethod(rawValue: "PUT")
    public static let patch = HTTPMethod(rawValue: "PATCH")
    public static let delete = HTTPMethod(rawValue: "DELETE")
    public static let options = HTTPMethod(rawValue: "OPTIONS")

    public var description: String { rawValue }
}
