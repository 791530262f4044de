import FerryTesting
import Testing

/// Expects StreamingJSONEncoder and Foundation's JSONEncoder (set up as Ferry had it) to write
/// the same document, as two parsers read it: member order may differ.
func expectAgreement(_ value: some Encodable, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let comparison = try JSONEncoderComparison(value)
    #expect(try comparison.agree(), "streaming \(comparison.streamingText)\nfoundation \(comparison.foundationText)",
            sourceLocation: sourceLocation)
}
