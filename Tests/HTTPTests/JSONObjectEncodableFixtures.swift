import Foundation
import HTTP

// Values for JSONObjectEncodableTests: every JSONObjectMembers overload, objects nested in
// objects and arrays, reached directly and through the Codable path, and members that fail.

/// One member per overload, optionals both ways; keys in their final form, as the API writes them.
struct FixtureMembers: JSONObjectEncodable {
    static let now = Date(timeIntervalSince1970: 1_795_299_420.75)

    var count = 42
    var title = "Ferry / crossing \"at dawn\"\n\t\\ é 🙂 \u{1}\u{2028}"
    var isActive = true
    var rating = 0.30000000000000004
    var createdAt = now
    var optionalCount: Int? = -7
    var optionalTitle: String? = "Ünïcode"
    var optionalFlag: Bool? = false
    var optionalRating: Double? = 1e300
    var optionalDate: Date? = Date(timeIntervalSince1970: -12_219_292_801)
    var status = FixtureStatus.published
    var tag: FixtureTag? = FixtureTag(id: 1, name: "river", postCount: 2)
    var scores: [Double] = [0.1, -0.0, 5e-324]
    var counters: [String: Int] = ["viewCount": 3, "a_b": 1]
    var child = FixtureChild(id: 1, name: "first", publishedAt: now)
    var optionalChild: FixtureChild? = FixtureChild(id: 2, name: "second", publishedAt: nil)
    var children = [FixtureChild(id: 3, name: "third", publishedAt: nil), FixtureChild(id: 4, name: "fourth", publishedAt: now)]
    var childrenByName: [String: FixtureChild] = ["fifth": FixtureChild(id: 5, name: "fifth", publishedAt: nil)]
    var optionalChildren: [FixtureChild?] = [nil, FixtureChild(id: 6, name: "sixth", publishedAt: nil), nil]
    var wrappedChild = FixtureWrapper(wrapped: FixtureChild(id: 7, name: "seventh", publishedAt: nil))

    /// Every optional nil.
    static var empty: FixtureMembers {
        FixtureMembers(optionalCount: nil, optionalTitle: nil, optionalFlag: nil, optionalRating: nil, optionalDate: nil, tag: nil,
                       scores: [], counters: [:], optionalChild: nil, children: [], childrenByName: [:], optionalChildren: [])
    }

    func encodeMembers(to object: inout JSONObjectMembers) throws {
        try object.encode(count, forKey: "count")
        try object.encode(title, forKey: "title")
        try object.encode(isActive, forKey: "is_active")
        try object.encode(rating, forKey: "rating")
        try object.encode(createdAt, forKey: "created_at")
        try object.encode(optionalCount, forKey: "optional_count")
        try object.encode(optionalTitle, forKey: "optional_title")
        try object.encode(optionalFlag, forKey: "optional_flag")
        try object.encode(optionalRating, forKey: "optional_rating")
        try object.encode(optionalDate, forKey: "optional_date")
        try object.encode(status, forKey: "status")
        try object.encode(tag, forKey: "tag")
        try object.encode(scores, forKey: "scores")
        try object.encode(counters, forKey: "counters")
        try object.encode(child, forKey: "child")
        try object.encode(optionalChild, forKey: "optional_child")
        try object.encode(children, forKey: "children")
        try object.encode(childrenByName, forKey: "children_by_name")
        try object.encode(optionalChildren, forKey: "optional_children")
        try object.encode(wrappedChild, forKey: "wrapped_child")
        try object.encodeNil(forKey: "always_null")
        try object.encodeIfPresent(optionalCount, forKey: "count_if_present")
        try object.encodeIfPresent(tag, forKey: "tag_if_present")
        try object.encodeIfPresent(optionalChild, forKey: "child_if_present")
    }
}

/// A nested object.
struct FixtureChild: JSONObjectEncodable {
    let id: Int
    let name: String
    let publishedAt: Date?

    func encodeMembers(to object: inout JSONObjectMembers) throws {
        try object.encode(id, forKey: "id")
        try object.encode(name, forKey: "name")
        try object.encode(publishedAt, forKey: "published_at")
    }
}

/// Adds members to another object's, as PostDetail and UserWithPosts do.
struct FixtureChildDetail: JSONObjectEncodable {
    let child: FixtureChild
    let notes: [String]

    func encodeMembers(to object: inout JSONObjectMembers) throws {
        try child.encodeMembers(to: &object)
        try object.encode(notes, forKey: "notes")
    }
}

/// Hands its encoder to a `JSONObjectEncodable`'s `encode(to:)`, so the members go through a
/// keyed container of the streaming encoder, then adds one of its own to the same object.
struct FixtureThroughContainer<Wrapped: JSONObjectEncodable>: Encodable {
    let wrapped: Wrapped
    enum Keys: String, CodingKey { case extraCount }

    func encode(to encoder: any Encoder) throws {
        try wrapped.encode(to: encoder)
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(1, forKey: .extraCount)
    }
}

/// Writes a member, then fails.
struct FixtureFailingMembers: JSONObjectEncodable {
    struct Failure: Error {}

    func encodeMembers(to object: inout JSONObjectMembers) throws {
        try object.encode(1, forKey: "before")
        throw Failure()
    }
}

/// Catches the error of a member that fails part-way and goes on, which Foundation's encoder
/// allows (the failed member is left out), once per document: after a second, its own
/// encoder traps.
struct FixtureSwallowsMemberErrors: JSONObjectEncodable {
    /// The ways a member can fail: each overload that can throw.
    enum Failing: CaseIterable { case notANumber, object, optionalObject, objects, dictionary }
    let failing: Failing

    func encodeMembers(to object: inout JSONObjectMembers) throws {
        try object.encode(0, forKey: "first")
        switch failing {
        case .notANumber: try? object.encode(Double.nan, forKey: "failing")
        case .object: try? object.encode(FixtureFailingMembers(), forKey: "failing")
        case .optionalObject: try? object.encode(FixtureFailingMembers?.some(FixtureFailingMembers()), forKey: "failing")
        case .objects: try? object.encode([FixtureFailingMembers()], forKey: "failing")
        case .dictionary: try? object.encode(["key": FixtureFailingMembers()], forKey: "failing")
        }
        try object.encode(2, forKey: "afterwards")
    }
}
