/// A JSON array being written: each `encode` writes `,` when needed and the element at once.
struct JSONUnkeyedStreamContainer: UnkeyedEncodingContainer {
    let writer: JSONStreamWriter
    /// The writer's frame for this array, and the generation that proves it is still open.
    let depth: Int
    let generation: UInt32

    var codingPath: [any CodingKey] { writer.codingPath(through: depth) }
    var count: Int { writer.count(depth: depth, generation: generation) }

    @discardableResult
    private func begin() throws -> Int { try writer.beginElement(depth: depth, generation: generation) }

    mutating func encodeNil() throws { try begin(); writer.writeNull() }
    mutating func encode(_ value: Bool) throws { try begin(); writer.writeBool(value) }
    mutating func encode(_ value: String) throws { try begin(); writer.writeString(value) }
    mutating func encode(_ value: Int) throws { try begin(); writer.writeInteger(value) }
    mutating func encode(_ value: Int8) throws { try begin(); writer.writeInteger(value) }
    mutating func encode(_ value: Int16) throws { try begin(); writer.writeInteger(value) }
    mutating func encode(_ value: Int32) throws { try begin(); writer.writeInteger(value) }
    mutating func encode(_ value: Int64) throws { try begin(); writer.writeInteger(value) }
    mutating func encode(_ value: Int128) throws { try begin(); writer.writeInteger(value) }
    mutating func encode(_ value: UInt) throws { try begin(); writer.writeInteger(value) }
    mutating func encode(_ value: UInt8) throws { try begin(); writer.writeInteger(value) }
    mutating func encode(_ value: UInt16) throws { try begin(); writer.writeInteger(value) }
    mutating func encode(_ value: UInt32) throws { try begin(); writer.writeInteger(value) }
    mutating func encode(_ value: UInt64) throws { try begin(); writer.writeInteger(value) }
    mutating func encode(_ value: UInt128) throws { try begin(); writer.writeInteger(value) }

    mutating func encode(_ value: Double) throws {
        let index = try begin()
        try writer.writeFloatingPoint(value, codingPath: codingPath + [JSONPathKey.index(index)])
    }

    mutating func encode(_ value: Float) throws {
        let index = try begin()
        try writer.writeFloatingPoint(value, codingPath: codingPath + [JSONPathKey.index(index)])
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        let index = try begin()
        try writer.writeValue(value, key: JSONPathKey.index(index))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let nested = open(.object)
        return KeyedEncodingContainer(JSONKeyedStreamContainer<NestedKey>(writer: writer, depth: nested.depth, generation: nested.generation))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = open(.array)
        return JSONUnkeyedStreamContainer(writer: writer, depth: nested.depth, generation: nested.generation)
    }

    mutating func superEncoder() -> any Encoder {
        let slot = open(.nothing)
        return JSONSlotEncoder(writer: writer, depth: slot.depth, generation: slot.generation)
    }

    /// Writes the comma and starts the nested element; out of order, a frame that can never
    /// be written to (generation 0), and the writer has recorded why.
    private func open(_ content: JSONStreamFrame.Content) -> (depth: Int, generation: UInt32) {
        guard let index = writer.beginElementIfPossible(depth: depth, generation: generation) else { return (depth + 1, 0) }
        return writer.pushNested(content, key: JSONPathKey.index(index))
    }
}
