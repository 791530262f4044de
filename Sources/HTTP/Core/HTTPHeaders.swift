/// Header fields in arrival order; names compare case-insensitively (stored lowercased).
public struct HTTPHeaders: Sendable, Sequence {
    public private(set) var fields: [(name: String, value: String)] = []

    public init(_ fields: [(String, String)] = []) {
        for (name, value) in fields { add(name, value) }
    }

    public subscript(name: String) -> String? {
        let key = name.headerKey
        return fields.first { $0.name == key }?.value
    }

    public mutating func add(_ name: String, _ value: String) {
        fields.append((name.headerKey, value))
    }

    mutating func reserveCapacity(_ count: Int) { fields.reserveCapacity(count) }

    /// Adds a field whose name is lowercased already (the gateway's, per request).
    mutating func add(lowercased name: String, _ value: String) {
        fields.append((name, value))
    }

    /// Replaces every field of that name with one value.
    public mutating func set(_ name: String, _ value: String) {
        remove(name)
        add(name, value)
    }

    public mutating func remove(_ name: String) {
        let key = name.headerKey
        fields.removeAll { $0.name == key }
    }

    public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> {
        fields.makeIterator()
    }
}

extension String {
    /// The lowercased header name; header names are ASCII, and most arrive lowercased
    /// already, so that case costs one scan and no copy.
    var headerKey: String {
        guard hasUpperCaseASCII else { return self }
        return String(decoding: utf8.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 + 32 : $0 }, as: UTF8.self)
    }

    /// Scanned on the contiguous bytes: iterating `utf8` was several times slower.
    var hasUpperCaseASCII: Bool {
        var text = self
        return text.withUTF8 { $0.contains { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") } }
    }
}
