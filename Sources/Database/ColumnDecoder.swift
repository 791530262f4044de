/// Decodes one column value, for property types that are `Decodable` through a
/// single value (raw-value enums, wrappers).
struct ColumnDecoder: Decoder, SingleValueDecodingContainer {
    let value: DatabaseValue
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        throw DatabaseError.conversion("a nested record cannot be decoded from one column")
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw DatabaseError.conversion("an array cannot be decoded from one column")
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    private func convert<T: DatabaseValueConvertible>() throws -> T {
        do {
            return try T.fromDatabaseValue(value)
        } catch {
            throw DecodingError.typeMismatch(T.self, .init(codingPath: codingPath, debugDescription: "\(error)"))
        }
    }

    private func narrow<T: FixedWidthInteger>() throws -> T {
        guard let v = T(exactly: try convert() as Int64) else {
            throw DecodingError.typeMismatch(T.self, .init(codingPath: codingPath, debugDescription: "out of range"))
        }
        return v
    }

    func decodeNil() -> Bool { value.isNull }
    func decode(_ type: Bool.Type) throws -> Bool { try convert() }
    func decode(_ type: String.Type) throws -> String { try convert() }
    func decode(_ type: Double.Type) throws -> Double { try convert() }
    func decode(_ type: Float.Type) throws -> Float { Float(try convert() as Double) }
    func decode(_ type: Int.Type) throws -> Int { try convert() }
    func decode(_ type: Int8.Type) throws -> Int8 { try narrow() }
    func decode(_ type: Int16.Type) throws -> Int16 { try narrow() }
    func decode(_ type: Int32.Type) throws -> Int32 { try convert() }
    func decode(_ type: Int64.Type) throws -> Int64 { try convert() }
    func decode(_ type: UInt.Type) throws -> UInt { try narrow() }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try narrow() }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try narrow() }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try narrow() }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try narrow() }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        if let convertible = T.self as? any DatabaseValueConvertible.Type {
            do {
                return try convertible.fromDatabaseValue(value) as! T
            } catch {
                throw DecodingError.typeMismatch(T.self, .init(codingPath: codingPath, debugDescription: "\(error)"))
            }
        }
        return try T(from: self)
    }
}
