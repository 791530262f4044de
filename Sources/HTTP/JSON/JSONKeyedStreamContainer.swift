/// A JSON object being written: each `encode` writes `"snake_key":` and the value at once.
struct JSONKeyedStreamContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let writer: JSONStreamWriter
    /// The writer's frame for this object, and the generation that proves it is still open.
    let depth: Int
    let generation: UInt32

    var codingPath: [any CodingKey] { writer.codingPath(through: depth) }

    private func begin(_ key: Key) throws { try writer.beginMember(key, depth: depth, generation: generation) }

    mutating func encodeNil(forKey key: Key) throws { try begin(key); writer.writeNull() }
    mutating func encode(_ value: Bool, forKey key: Key) throws { try begin(key); writer.writeBool(value) }
    mutating func encode(_ value: String, forKey key: Key) throws { try begin(key); writer.writeString(value) }
    mutating func encode(_ value: Int, forKey key: Key) throws { try begin(key); writer.writeInteger(value) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { try begin(key); writer.writeInteger(value) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { try begin(key); writer.writeInteger(value) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try begin(key); writer.writeInteger(value) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { try begin(key); writer.writeInteger(value) }
    mutating func encode(_ value: Int128, forKey key: Key) throws { try begin(key); writer.writeInteger(value) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { try begin(key); writer.writeInteger(value) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { try begin(key); writer.writeInteger(value) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { try begin(key); writer.writeInteger(value) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try begin(key); writer.writeInteger(value) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { try begin(key); writer.writeInteger(value) }
    mutating func encode(_ value: UInt128, forKey key: Key) throws { try begin(key); writer.writeInteger(value) }

    mutating func encode(_ value: Double, forKey key: Key) throws {
        try begin(key)
        try writer.writeFloatingPoint(value, codingPath: codingPath + [key])
    }

    mutating func encode(_ value: Float, forKey key: Key) throws {
        try begin(key)
        try writer.writeFloatingPoint(value, codingPath: codingPath + [key])
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try begin(key)
        try writer.writeValue(value, key: key)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        let nested = open(.object, forKey: key)
        return KeyedEncodingContainer(JSONKeyedStreamContainer<NestedKey>(writer: writer, depth: nested.depth, generation: nested.generation))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = open(.array, forKey: key)
        return JSONUnkeyedStreamContainer(writer: writer, depth: nested.depth, generation: nested.generation)
    }

    mutating func superEncoder() -> any Encoder {
        let slot = open(.nothing, forKey: JSONPathKey.super)
        return JSONSlotEncoder(writer: writer, depth: slot.depth, generation: slot.generation)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        let slot = open(.nothing, forKey: key)
        return JSONSlotEncoder(writer: writer, depth: slot.depth, generation: slot.generation)
    }

    /// Writes the key and starts the nested value; a container used out of order gets a
    /// frame that can never be written to (generation 0), and the writer has recorded why.
    private func open(_ content: JSONStreamFrame.Content, forKey key: some CodingKey) -> (depth: Int, generation: UInt32) {
        guard writer.beginMemberIfPossible(key, depth: depth, generation: generation) else { return (depth + 1, 0) }
        return writer.pushNested(content, key: key)
    }
}
