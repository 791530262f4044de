import FerryTesting
import Testing

/// Expects StreamingJSONEncoder and Foundation's JSONEncoder (set up as Ferry had it) to write
/// the same document, as two parsers read it: member order may differ.
func expectAgreement(_ value: some Encodable, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let comparison = try JSONEncoderComparison(value)
    let parsed = try comparison.parsed()
    #expect(parsed.streaming == parsed.foundation,
            "streaming \(comparison.streamingText)\nfoundation \(comparison.foundationText)", sourceLocation: sourceLocation)
    let reserialized = try comparison.reserialized()
    #expect(reserialized.streaming == reserialized.foundation, sourceLocation: sourceLocation)
}
