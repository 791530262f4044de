import HTTP

/// A response as a client reads it: status, headers, body, and the body as JSON.
public struct TestResponse: Sendable, CustomStringConvertible {
    public let status: Int
    public let headers: HTTPHeaders
    public let body: [UInt8]

    public init(status: Int, headers: HTTPHeaders, body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public var text: String { String(decoding: body, as: UTF8.self) }

    /// The body parsed as JSON; `.null` when it is not JSON (the test then fails on its expectation).
    public var json: JSONValue { (try? JSONParser.parse(body)) ?? .null }

    /// The `detail` of an error body.
    public var detail: JSONValue? { json["detail"] }

    public var description: String { "\(status) \(text)" }

    /// Parses CGI output (`Status:` line, headers, blank line, body), as nginx does.
    public static func parseCGI(_ bytes: [UInt8]) -> TestResponse? {
        guard let split = findHeaderEnd(bytes) else { return nil }
        var status = 200
        var headers = HTTPHeaders()
        let head = String(decoding: bytes[..<split.headerEnd], as: UTF8.self)
        for line in head.split(separator: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = String(line[..<colon])
            let value = String(line[line.index(after: colon)...].drop { $0 == " " })
            if name.lowercased() == "status" {
                status = Int(value.prefix(3)) ?? 0
            } else {
                headers.add(name, value)
            }
        }
        return TestResponse(status: status, headers: headers, body: Array(bytes[split.bodyStart...]))
    }

    private static func findHeaderEnd(_ bytes: [UInt8]) -> (headerEnd: Int, bodyStart: Int)? {
        guard bytes.count >= 4 else { return nil }
        for index in 0...(bytes.count - 4)
        where bytes[index] == 13 && bytes[index + 1] == 10 && bytes[index + 2] == 13 && bytes[index + 3] == 10 {
            return (index, index + 4)
        }
        return nil
    }
}
