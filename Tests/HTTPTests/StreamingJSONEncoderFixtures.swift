import Foundation

// Values for StreamingJSONEncoderTests: synthesized Codable in the shapes the models use, and
// hand-written encode(to:) exercising every container Encoder offers.

struct FixtureAuthor: Codable, Equatable {
    let id: Int
    let username: String
    let fullName: String?
    let isActive: Bool
    let userID: Int
    let totalSpent: Double
}

struct FixtureTag: Codable { let id: Int; let name: String; let postCount: Int }

enum FixtureStatus: String, Codable { case draft, published }
enum FixturePriority: Int, Codable { case low = 1, high = 10 }

struct FixtureArticle: Codable {
    let id: Int
    let title: String
    let author: FixtureAuthor
    let tags: [FixtureTag]
    let publishedAt: Date?
    let createdAt: Date
    let rating: Double?
    let status: FixtureStatus
    let priority: FixturePriority
    let metadata: [String: String]
    let counters: [String: Int]?
    let scores: [Double]
    let nested: [[Int]]
}

/// Every kind of container, nested: keyed in keyed, unkeyed in keyed, keyed in unkeyed,
/// super encoders with and without a key, and one left unused.
struct FixtureShape: Encodable {
    enum Keys: String, CodingKey { case kind, boundingBox, cornerPoints, parentShape, unusedSuper, label }
    enum BoxKeys: String, CodingKey { case minX, maxY, innerBox }
    enum PointKeys: String, CodingKey { case xValue, yValue }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode("polygon", forKey: .kind)
        var box = container.nestedContainer(keyedBy: BoxKeys.self, forKey: .boundingBox)
        try box.encode(-1.5, forKey: .minX)
        try box.encode(2, forKey: .maxY)
        var inner = box.nestedContainer(keyedBy: BoxKeys.self, forKey: .innerBox)
        try inner.encode(0, forKey: .minX)
        var points = container.nestedUnkeyedContainer(forKey: .cornerPoints)
        for (x, y) in [(0, 0), (3, 4)] {
            var point = points.nestedContainer(keyedBy: PointKeys.self)
            try point.encode(x, forKey: .xValue)
            try point.encode(y, forKey: .yValue)
        }
        var pair = points.nestedUnkeyedContainer()
        try pair.encode("a")
        try pair.encodeNil()
        try FixtureTag(id: 1, name: "super", postCount: 2).encode(to: points.superEncoder())
        try FixtureAuthor(id: 7, username: "base", fullName: nil, isActive: true, userID: 7, totalSpent: 0)
            .encode(to: container.superEncoder(forKey: .parentShape))
        _ = container.superEncoder(forKey: .unusedSuper)
        try "circle".encode(to: container.superEncoder())
        try container.encode("last", forKey: .label)
    }
}

/// A base class and a subclass that writes its parent under `super`, the pattern
/// `superEncoder()` exists for.
class FixtureVehicle: Encodable {
    let wheelCount: Int
    init(wheelCount: Int) { self.wheelCount = wheelCount }
}

final class FixtureCar: FixtureVehicle {
    let brandName: String
    init(brandName: String) {
        self.brandName = brandName
        super.init(wheelCount: 4)
    }

    enum Keys: String, CodingKey { case brandName }

    override func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(brandName, forKey: .brandName)
        try super.encode(to: container.superEncoder())
    }
}

/// A response that adds members to another's object, as CategoryDetail and PostDetail do:
/// the second `container(keyedBy:)` continues the same object.
struct FixtureMerged: Encodable {
    let author: FixtureAuthor
    let extraCount: Int
    enum Keys: String, CodingKey { case extraCount, extraList }

    func encode(to encoder: any Encoder) throws {
        try author.encode(to: encoder)
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(extraCount, forKey: .extraCount)
        try container.encode([1, 2], forKey: .extraList)
    }
}

/// A value that is one other value, as Money is one string.
struct FixtureWrapper<Wrapped: Encodable>: Encodable {
    let wrapped: Wrapped
    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(wrapped)
    }
}

/// An array written element by element, with objects and arrays inside.
struct FixtureRows: Encodable {
    enum Keys: String, CodingKey { case rowIndex, cellValues }
    func encode(to encoder: any Encoder) throws {
        var rows = encoder.unkeyedContainer()
        for index in 0..<3 {
            var row = rows.nestedContainer(keyedBy: Keys.self)
            try row.encode(index, forKey: .rowIndex)
            var cells = row.nestedUnkeyedContainer(forKey: .cellValues)
            try cells.encode(Double(index) / 3)
            try cells.encode(index % 2 == 0)
        }
        try rows.encode(FixtureTag(id: 9, name: "tail", postCount: 0))
        try rows.encodeNil()
        // A second unkeyedContainer() continues the same array, as in Foundation.
        var more = encoder.unkeyedContainer()
        try more.encode("more")
    }
}

/// Writes to a nested container after its parent has moved on: not possible when streaming.
struct FixtureOutOfOrder: Encodable {
    enum Keys: String, CodingKey { case firstBox, secondValue, innerValue }
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        var box = container.nestedContainer(keyedBy: Keys.self, forKey: .firstBox)
        try container.encode(2, forKey: .secondValue)
        try box.encode(1, forKey: .innerValue)
    }
}

/// Encodes nothing at all.
struct FixtureNothing: Encodable {
    func encode(to encoder: any Encoder) throws {}
}

/// An object with the keys it is given, each with the value 1.
struct FixtureKeys: Encodable {
    let names: [String]
    init(_ names: String...) { self.names = names }
    init(names: [String]) { self.names = names }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: JSONKey.self)
        for name in names { try container.encode(1, forKey: JSONKey(stringValue: name)) }
    }

    struct JSONKey: CodingKey {
        let stringValue: String
        init(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }
}

enum FixtureDictionaryKey: String, Codable, CodingKeyRepresentable { case firstKey, secondKey }

/// Deterministic pseudo-random numbers (SplitMix64), so a failing case can be reproduced.
struct FixtureRandom: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Catches the errors of values it writes and goes on, which Foundation's encoder allows
/// (the failed member is left out).
struct FixtureSwallowsErrors: Encodable {
    enum Keys: String, CodingKey { case notANumber, halfWritten, afterwards }
    struct Failure: Error {}

    /// Starts an object, then fails.
    struct HalfWritten: Encodable {
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(1, forKey: .afterwards)
            throw Failure()
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try? container.encode(Double.nan, forKey: .notANumber)
        try? container.encode(HalfWritten(), forKey: .halfWritten)
        try container.encode(2, forKey: .afterwards)
    }
}

/// Asks for a second value where one was already written, which Foundation's encoder stops
/// the process for (a precondition); the streaming encoder throws instead.
struct FixtureTwoValues: Encodable {
    let secondIsContainer: Bool
    enum Keys: String, CodingKey { case key }

    func encode(to encoder: any Encoder) throws {
        var single = encoder.singleValueContainer()
        try single.encode(1)
        if secondIsContainer {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(2, forKey: .key)
        } else {
            var again = encoder.singleValueContainer()
            try again.encode(2)
        }
    }
}
