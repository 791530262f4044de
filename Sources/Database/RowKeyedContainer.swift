/// The columns of one row, as a keyed container: property names are matched to
/// column names directly or in their snake_case form (see `ColumnIndex`).
struct RowKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let row: Row
    var codingPath: [any CodingKey] { [] }

    var allKeys: [Key] {
        row.columns.names.compactMap { Key(stringValue: $0) ?? Key(stringValue: ColumnIndex.camelCase($0)) }
    }

    func contains(_ key: Key) -> Bool {
        row.columns.position(of: key.stringValue) != nil
    }

    private func value(_ key: Key) throws -> DatabaseValue {
        guard let position = row.columns.position(of: key.stringValue) else {
            throw DecodingError.keyNotFound(key, .init(
                codingPath: [], debugDescription: "no column \(key.stringValue) in the result (\(row.columns.names.joined(separator: ", ")))"))
        }
        return row[position]
    }

    private func convert<T: DatabaseValueConvertible>(_ key: Key) throws -> T {
        let v = try value(key)
        do {
            return try T.fromDatabaseValue(v)
        } catch {
            throw DecodingError.typeMismatch(T.self, .init(
                codingPath: [key], debugDescription: "column \(key.stringValue): \(error)"))
        }
    }

    func decodeNil(forKey key: Key) throws -> Bool { try value(key).isNull }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try convert(key) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try convert(key) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try convert(key) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { Float(try convert(key) as Double) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try convert(key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try convert(key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try convert(key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try narrow(key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try narrow(key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try narrow(key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try narrow(key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try narrow(key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try narrow(key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try narrow(key) }

    private func narrow<T: FixedWidthInteger>(_ key: Key) throws -> T {
        let wide: Int64 = try convert(key)
        guard let v = T(exactly: wide) else {
            throw DecodingError.typeMismatch(T.self, .init(codingPath: [key], debugDescription: "column \(key.stringValue) out of range"))
        }
        return v
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        if let convertible = T.self as? any DatabaseValueConvertible.Type {
            let v = try value(key)
            do {
                return try convertible.fromDatabaseValue(v) as! T
            } catch {
                throw DecodingError.typeMismatch(T.self, .init(
                    codingPath: [key], debugDescription: "column \(key.stringValue): \(error)"))
            }
        }
        return try T(from: ColumnDecoder(value: try value(key), codingPath: [key]))
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        throw DatabaseError.conversion("column \(key.stringValue): nested records cannot be decoded from one column")
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        throw DatabaseError.conversion("column \(key.stringValue): arrays cannot be decoded from one column")
    }

    func superDecoder() throws -> any Decoder { RowDecoder(row: row) }
    func superDecoder(forKey key: Key) throws -> any Decoder { RowDecoder(row: row) }
}
