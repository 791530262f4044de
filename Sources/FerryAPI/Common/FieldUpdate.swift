import HTTP

/// One field of a partial update: not sent, sent as `null`, or sent with a value.
/// (`Optional` alone cannot tell "not sent" from `null`, which PATCH must.)
enum FieldUpdate<Value: Equatable>: Equatable {
    case unchanged
    case cleared
    case set(Value)

    /// The field of a validated JSON object, read with `read` when it has a value.
    init(_ body: JSONValue, _ key: String, _ read: (JSONValue) -> Value?) {
        switch body[key] {
        case nil: self = .unchanged
        case .null?: self = .cleared
        case let value?: self = read(value).map { .set($0) } ?? .unchanged
        }
    }

    /// The value after the update, given the current one.
    func applied(to current: Value?) -> Value? {
        switch self {
        case .unchanged: current
        case .cleared: nil
        case .set(let value): value
        }
    }

    var isSent: Bool { self != .unchanged }
}
