import Foundation
import HTTP

/// Encodes one value with Ferry's streaming encoder and with Foundation's `JSONEncoder` set up
/// the same way, and reads both back, for tests that hold the first to the second.
public struct JSONEncoderComparison {
    public let streamingBytes: [UInt8]
    public let foundationBytes: [UInt8]

    public init(_ value: some Encodable) throws {
        streamingBytes = try StreamingJSONEncoder.encode(value)
        foundationBytes = Array(try JSONCoding.makeEncoder().encode(value))
    }

    public var streamingText: String { String(decoding: streamingBytes, as: UTF8.self) }
    public var foundationText: String { String(decoding: foundationBytes, as: UTF8.self) }

    /// Both documents parsed by Ferry's strict parser, which keeps number texts exact and forgets member order.
    public func parsed() throws -> (streaming: JSONValue, foundation: JSONValue) {
        (try JSONParser.parse(streamingBytes), try JSONParser.parse(foundationBytes))
    }

    /// Both documents read by JSONSerialization, an independent parser, and written back with
    /// sorted keys: equal texts mean equal documents to it.
    public func reserialized() throws -> (streaming: String, foundation: String) {
        func canonical(_ bytes: [UInt8]) throws -> String {
            let object = try JSONSerialization.jsonObject(with: Data(bytes), options: .fragmentsAllowed)
            return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .fragmentsAllowed]), as: UTF8.self)
        }
        return (try canonical(streamingBytes), try canonical(foundationBytes))
    }

    /// True when both parsers find the two documents equal.
    public func agree() throws -> Bool {
        let parsed = try parsed()
        let reserialized = try reserialized()
        return parsed.streaming == parsed.foundation && reserialized.streaming == reserialized.foundation
    }
}
