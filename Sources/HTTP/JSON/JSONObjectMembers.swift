#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The members of one JSON object, as a `JSONObjectEncodable` lists them: written directly into
/// a `JSONStreamWriter`, or handed to a keyed container of any other `Encoder`. Concrete (not
/// generic over where it writes) so calls from other modules need no specialization to be fast.
///
/// `encode` of an Optional writes `null` for nil, as `KeyedEncodingContainer.encode` does;
/// `encodeIfPresent` leaves the key out.
public struct JSONObjectMembers: ~Copyable {
    /// Set when writing directly; the object's frame, the innermost one whenever the members'
    /// own code runs (a nested value's frame is closed by the time its `encode` returns).
    /// Unmanaged, and borrowed for each call: retaining and releasing it around every member
    /// was a tenth of the time. The writer outlives this struct, which only the writer makes,
    /// for one `encodeMembers` call, and which cannot be copied out of it.
    private let writer: Unmanaged<JSONStreamWriter>?
    private let depth: Int
    /// Members written directly so far: a comma goes before every one but the first.
    private var count = 0
    /// Set when writing to any other encoder.
    private var container: KeyedEncodingContainer<JSONPathKey>?

    init(writer: JSONStreamWriter, depth: Int) {
        self.writer = Unmanaged.passUnretained(writer)
        self.depth = depth
    }

    init(container: KeyedEncodingContainer<JSONPathKey>) {
        writer = nil
        depth = 0
        self.container = container
    }

    public mutating func encode(_ value: Int, forKey key: StaticString) throws {
        guard let writer = begin(key) else { return try container!.encode(value, forKey: .member(key)) }
        writer._withUnsafeGuaranteedRef { $0.writeInteger(value) }
    }

    public mutating func encode(_ value: String, forKey key: StaticString) throws {
        guard let writer = begin(key) else { return try container!.encode(value, forKey: .member(key)) }
        writer._withUnsafeGuaranteedRef { $0.writeString(value) }
    }

    public mutating func encode(_ value: Bool, forKey key: StaticString) throws {
        guard let writer = begin(key) else { return try container!.encode(value, forKey: .member(key)) }
        writer._withUnsafeGuaranteedRef { $0.writeBool(value) }
    }

    public mutating func encode(_ value: Double, forKey key: StaticString) throws {
        guard let writer = begin(key) else { return try container!.encode(value, forKey: .member(key)) }
        let depth = depth
        try writer._withUnsafeGuaranteedRef { writer in
            try writer.writeFloatingPoint(value, codingPath: writer.codingPath(through: depth) + [JSONPathKey.member(key)])
        }
    }

    public mutating func encode(_ value: Date, forKey key: StaticString) throws {
        guard let writer = begin(key) else { return try container!.encode(value, forKey: .member(key)) }
        writer._withUnsafeGuaranteedRef { $0.writeDate(value) }
    }

    /// Any other value: scalars and nested values the writer's generic path writes (Money, enums,
    /// arrays, other `Encodable` types), with a frame of their own.
    public mutating func encode<T: Encodable>(_ value: T, forKey key: StaticString) throws {
        guard let writer = begin(key) else { return try container!.encode(value, forKey: .member(key)) }
        try writer._withUnsafeGuaranteedRef { try $0.writeValue(value, key: JSONPathKey.member(key)) }
    }

    /// A nested object of this kind: written directly, without asking the runtime what it is.
    public mutating func encode<T: JSONObjectEncodable>(_ value: T, forKey key: StaticString) throws {
        guard let writer = begin(key) else { return try container!.encode(value, forKey: .member(key)) }
        try writer._withUnsafeGuaranteedRef { try $0.writeObject(value, key: JSONPathKey.member(key)) }
    }

    /// An array of such objects: written directly, without `Array`'s unkeyed container.
    public mutating func encode<T: JSONObjectEncodable>(_ values: [T], forKey key: StaticString) throws {
        guard let writer = begin(key) else { return try container!.encode(values, forKey: .member(key)) }
        try writer._withUnsafeGuaranteedRef { try $0.writeObjects(values, key: JSONPathKey.member(key)) }
    }

    /// An array of values encoded before, copied into the document as they are.
    public mutating func encode(_ values: [EncodedJSON], forKey key: StaticString) throws {
        guard let writer = begin(key) else {
            return try container!.encode(values.map { try JSONParser.parse($0.bytes) }, forKey: .member(key))
        }
        writer._withUnsafeGuaranteedRef { $0.writeEncoded(values) }
    }

    public mutating func encodeNil(forKey key: StaticString) throws {
        guard let writer = begin(key) else { return try container!.encodeNil(forKey: .member(key)) }
        writer._withUnsafeGuaranteedRef { $0.writeNull() }
    }

    public mutating func encode(_ value: Int?, forKey key: StaticString) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }

    public mutating func encode(_ value: String?, forKey key: StaticString) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }

    public mutating func encode(_ value: Bool?, forKey key: StaticString) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }

    public mutating func encode(_ value: Double?, forKey key: StaticString) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }

    public mutating func encode(_ value: Date?, forKey key: StaticString) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }

    public mutating func encode<T: Encodable>(_ value: T?, forKey key: StaticString) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }

    public mutating func encode<T: JSONObjectEncodable>(_ value: T?, forKey key: StaticString) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }

    /// Leaves the key out when `value` is nil.
    public mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: StaticString) throws {
        if let value { try encode(value, forKey: key) }
    }

    public mutating func encodeIfPresent<T: JSONObjectEncodable>(_ value: T?, forKey key: StaticString) throws {
        if let value { try encode(value, forKey: key) }
    }

    /// Writes `,` if needed and `"key":`, answering the writer; nil when writing to a container.
    private mutating func begin(_ key: StaticString) -> Unmanaged<JSONStreamWriter>? {
        assert(Self.isPlain(key), "JSONObjectMembers key \(key) is not plain lower-case ASCII")
        guard let writer else { return nil }
        let (first, depth) = (count == 0, depth)
        writer._withUnsafeGuaranteedRef { $0.beginDirectMember(key, first: first, depth: depth) }
        count += 1
        return writer
    }

    /// Printable ASCII that needs no escaping and has no upper-case letter for
    /// `.convertToSnakeCase` to rewrite.
    static func isPlain(_ key: StaticString) -> Bool {
        key.withUTF8Buffer { utf8 in
            !utf8.isEmpty && utf8.allSatisfy { byte in
                (0x20..<0x7F).contains(byte) && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\")
                    && !(UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            }
        }
    }
}
