/// The wire client's encoders, exposed for the tests that pin the byte layout.
public enum FastCGIWireClientProbe {
    public static func params(_ params: [String: String]) -> [UInt8] { FastCGIWireClient.encodeParams(params) }
    public static func stdinRecord(_ content: [UInt8]) -> [UInt8] { FastCGIWireClient.record(.stdin, 1, content) }
}
