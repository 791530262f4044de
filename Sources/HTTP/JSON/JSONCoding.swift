#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The one place that fixes how Ferry writes and reads JSON: snake_case keys, RFC 3339 UTC dates.
public enum JSONCoding {
    public static func encode(_ value: some Encodable) throws -> [UInt8] {
        do {
            return try StreamingJSONEncoder.encode(value)
        } catch is JSONStreamingUnsupported {
            // A container used out of order, or an error caught halfway through a value:
            // what only a tree-building encoder can write.
            return Array(try makeEncoder().encode(value))
        }
    }

    /// Foundation's encoder set up as `StreamingJSONEncoder` writes (less the key order): the
    /// fallback above, and what the tests compare the streaming encoder against.
    public static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }

    /// One decoder for every request: `JSONDecoder` is safe to share between threads (its options
    /// are read under a lock) and is never reconfigured here.
    static let sharedDecoder = makeDecoder()

    public static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    /// `{"detail": "message"}`, which cannot fail to encode.
    public static func encodeDetail(_ message: String) -> [UInt8] {
        (try? encode(["detail": message])) ?? Array(#"{"detail":"Internal Server Error"}"#.utf8)
    }
}

extension Request {
    /// The body parsed as JSON and checked against `schema`: a 422 lists every failing field
    /// (`json_invalid` when it is not JSON at all).
    public func validatedJSON(schema: JSONSchema) throws -> JSONValue {
        let value: JSONValue
        do {
            value = try JSONParser.parse(body)
        } catch {
            throw ValidationError([.jsonInvalid(body.isEmpty ? "the request body is empty" : error.description)])
        }
        let issues = SchemaValidator.validate(value, against: schema, at: [.key("body")])
        guard issues.isEmpty else { throw ValidationError(issues) }
        return value
    }

    /// The JSON body validated against `T.schema`, then decoded into `T`.
    public func decode<T: Decodable & SchemaDescribed>(_ type: T.Type) throws -> T {
        _ = try validatedJSON(schema: T.schema)
        // The schema has accepted the body, so a decoding failure here is a bug (schema and
        // type disagree) and surfaces as a 500 with the reason in the log.
        return try JSONCoding.sharedDecoder.decode(T.self, from: Data(body))
    }
}

extension JSONCoding {
    /// Keys as they are (no snake_case conversion, which would also rewrite dictionary keys
    /// such as OpenAPI's `operationId`), sorted, for documents that should read the same every time.
    public static func encodeSorted(_ value: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(value))
    }
}
