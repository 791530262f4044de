/// One member of a JWT header or payload, read without failing on an unexpected type, so a
/// wrong type becomes a precise `TokenError` rather than a generic decoding error.
enum JSONMember: Decodable, Equatable {
    case string(String)
    case number(Double)
    case other

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let string = try? container.decode(String.self) {
            self = .string(string)
        } else if (try? container.decode(Bool.self)) != nil {
            self = .other
        } else if let number = try? container.decode(Double.self), number.isFinite {
            self = .number(number)
        } else {
            self = .other
        }
    }
}
