/// Decodes a `Decodable` record from one row: each property reads the column of the
/// same name, or of its snake_case form (`createdAt` <- `created_at`).
///
/// Properties whose type is `DatabaseValueConvertible` (Int, String, Date, Money...)
/// convert directly; other `Decodable` property types (e.g. `enum Status: String`)
/// decode from the single column value. A type that is itself
/// `DatabaseValueConvertible` decodes from the first column.
struct RowDecoder: Decoder {
    let row: Row
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func decodeRecord<T: Decodable>(_ type: T.Type) throws -> T {
        if let convertible = T.self as? any DatabaseValueConvertible.Type {
            guard row.count > 0 else { throw DatabaseError.conversion("the row has no column to read \(T.self) from") }
            return try convertible.fromDatabaseValue(row[0]) as! T
        }
        return try T(from: self)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(RowKeyedContainer<Key>(row: row))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw DatabaseError.conversion("a row decodes into a keyed record, not an array")
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        guard row.count > 0 else { throw DatabaseError.conversion("the row has no column") }
        return ColumnDecoder(value: row[0], codingPath: [])
    }
}

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
