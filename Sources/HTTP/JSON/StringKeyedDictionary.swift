/// A `[String: Value]` dictionary. Foundation's encoder writes these itself, with their keys as
/// they are (`convertToSnakeCase` rewrites only other keys); this encoder does the same, and
/// writes the members in key order so the same dictionary always reads the same.
protocol StringKeyedDictionary {
    func writeMembers(to writer: JSONStreamWriter, depth: Int) throws
}

extension Dictionary: StringKeyedDictionary where Key == String, Value: Encodable {
    func writeMembers(to writer: JSONStreamWriter, depth: Int) throws {
        for (key, value) in sorted(by: { $0.key < $1.key }) {
            writer.beginDictionaryMember(key, depth: depth)
            try writer.writeValue(value, key: JSONPathKey.name(key))
        }
    }
}
