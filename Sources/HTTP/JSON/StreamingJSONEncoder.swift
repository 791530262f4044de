/// Ferry's JSON encoder: writes UTF-8 straight into a byte array as the `encode` calls arrive,
/// with no intermediate tree and no per-call setup. Output is what Foundation's `JSONEncoder`
/// writes with `.convertToSnakeCase`, `.iso8601` dates and `.withoutEscapingSlashes` (the same
/// values, number and string texts byte for byte), except that object members come in the order
/// they were encoded (a String-keyed dictionary's in key order) instead of in hash order, so a
/// response reads the same every time. A `JSONObjectEncodable` value writes its members straight
/// into the bytes, without a keyed container.
///
/// A value is written once, in order: a nested container or super encoder must be finished
/// before its parent writes its next member, as every synthesized and hand-written `encode(to:)`
/// in Ferry does. Used otherwise, or when an `encode(to:)` catches an error from a value it was
/// writing and goes on, `encode` throws `JSONStreamingUnsupported` rather than return a broken
/// document (`JSONCoding.encode` then uses Foundation). Encoding a key twice writes it twice
/// (Foundation keeps the last).
public enum StreamingJSONEncoder {
    public static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        // Most answers fit; a page of posts grows it a few times, which costs less than reserving big.
        try JSONStreamWriter(reservingCapacity: 1024).encodeDocument(value)
    }
}
