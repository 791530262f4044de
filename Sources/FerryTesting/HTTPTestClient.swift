import HTTP

/// A minimal HTTP/1.1 client for end-to-end tests through nginx: one request per
/// connection (`Connection: close`), response read to the end.
public struct HTTPTestClient {
    public let port: Int

    public init(port: Int) { self.port = port }

    public func request(_ method: String, _ target: String, headers: [(String, String)] = [], body: [UInt8] = []) throws -> TestResponse {
        let connection = try SocketConnection(port: port)
        connection.setReceiveTimeout(seconds: 60)
        var head = "\(method) \(target) HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if !body.isEmpty || method == "POST" || method == "PUT" || method == "PATCH" { head += "Content-Length: \(body.count)\r\n" }
        head += "\r\n"
        try connection.send(Array(head.utf8))
        // A server may answer (413) and close before reading a large body; that is fine.
        if !body.isEmpty { try? connection.send(body) }
        return try Self.parse(connection.receiveAll())
    }

    public func get(_ target: String, headers: [(String, String)] = []) throws -> TestResponse {
        try request("GET", target, headers: headers)
    }

    static func parse(_ bytes: [UInt8]) throws -> TestResponse {
        guard let lineEnd = bytes.firstIndex(of: 13) else { throw SocketConnection.Failure(description: "empty HTTP response") }
        let statusLine = String(decoding: bytes[..<lineEnd], as: UTF8.self)
        let status = Int(statusLine.split(separator: " ").dropFirst().first ?? "") ?? 0
        guard let cgiLike = TestResponse.parseCGI(Array(bytes[(lineEnd + 2)...])) else {
            throw SocketConnection.Failure(description: "malformed HTTP response: \(statusLine)")
        }
        var body = cgiLike.body
        if cgiLike.headers["transfer-encoding"]?.lowercased() == "chunked" { body = dechunk(body) }
        return TestResponse(status: status, headers: cgiLike.headers, body: body)
    }

    static func dechunk(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        var offset = 0
        while let lineEnd = bytes[offset...].firstIndex(of: 13) {
            let size = Int(String(decoding: bytes[offset..<lineEnd], as: UTF8.self).split(separator: ";")[0], radix: 16) ?? 0
            if size == 0 { break }
            let start = lineEnd + 2
            output += bytes[start..<min(start + size, bytes.count)]
            offset = start + size + 2
            if offset >= bytes.count { break }
        }
        return output
    }
}
