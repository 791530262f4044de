/// A 422 answer listing every failing field, in the shape of API.md (pydantic's):
/// `{"detail": [{"loc": ["body", "email"], "msg": "...", "type": "..."}]}`.
public struct ValidationError: Error, Sendable, CustomStringConvertible {
    public var issues: [ValidationIssue]
    public init(_ issues: [ValidationIssue]) { self.issues = issues }
    public var description: String { issues.map { "\($0.loc): \($0.msg)" }.joined(separator: "; ") }
}

/// One failing field.
public struct ValidationIssue: Sendable, Equatable, Encodable {
    public var loc: [LocationComponent]
    public var msg: String
    public var type: String

    public init(loc: [LocationComponent], msg: String, type: String) {
        self.loc = loc
        self.msg = msg
        self.type = type
    }

    public static func missing(loc: [LocationComponent]) -> ValidationIssue {
        ValidationIssue(loc: loc, msg: "Field required", type: "missing")
    }

    public static func intParsing(loc: [LocationComponent]) -> ValidationIssue {
        ValidationIssue(loc: loc, msg: "Input should be a valid integer, unable to parse string as an integer", type: "int_parsing")
    }

    public static func jsonInvalid(_ reason: String) -> ValidationIssue {
        ValidationIssue(loc: [.key("body")], msg: "JSON decode error: \(reason)", type: "json_invalid")
    }
}

/// One step of a `loc`: an object key or an array index.
public enum LocationComponent: Sendable, Equatable, Encodable, CustomStringConvertible,
    ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    case key(String)
    case index(Int)

    public init(stringLiteral value: String) { self = .key(value) }
    public init(integerLiteral value: Int) { self = .index(value) }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .key(let key): try container.encode(key)
        case .index(let index): try container.encode(index)
        }
    }

    public var description: String {
        switch self {
        case .key(let key): key
        case .index(let index): String(index)
        }
    }
}
