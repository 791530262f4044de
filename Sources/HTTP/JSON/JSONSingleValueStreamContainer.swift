/// The one value a `JSONSlotEncoder` stands for, written in place.
struct JSONSingleValueStreamContainer: SingleValueEncodingContainer {
    let writer: JSONStreamWriter
    let depth: Int
    let generation: UInt32

    var codingPath: [any CodingKey] { writer.codingPath(through: depth) }

    private func begin() throws { try writer.beginSingleScalar(inSlot: depth, generation: generation) }

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
    mutating func encode(_ value: Double) throws { try begin(); try writer.writeFloatingPoint(value, codingPath: codingPath) }
    mutating func encode(_ value: Float) throws { try begin(); try writer.writeFloatingPoint(value, codingPath: codingPath) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try writer.writeSingleValue(value, inSlot: depth, generation: generation)
    }
}
