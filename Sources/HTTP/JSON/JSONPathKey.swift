/// A coding-path entry the encoder makes itself: an array index, a dictionary key, `super`, or
/// a `JSONObjectEncodable`'s member key (also its key for other encoders' containers).
/// An enum (not a struct with a String and an Int?) so it fits in an existential's inline buffer
/// and recording an array element's or a member's path allocates nothing.
enum JSONPathKey: CodingKey {
    case index(Int)
    case name(String)
    case member(StaticString)

    static let `super` = JSONPathKey.name("super")

    init?(stringValue: String) { self = .name(stringValue) }
    init?(intValue: Int) { self = .index(intValue) }

    /// "Index 3" for an index, as Foundation's encoder names array positions.
    var stringValue: String {
        switch self {
        case .index(let index): "Index \(index)"
        case .name(let name): name
        case .member(let key): key.description
        }
    }

    var intValue: Int? {
        if case .index(let index) = self { index } else { nil }
    }
}
