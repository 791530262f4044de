/// A minimal FastCGI client speaking the wire protocol (FastCGI 1.0 spec): one RESPONDER
/// request per connection, params and STDIN records as nginx sends them.
public struct FastCGIWireClient {
    public enum Endpoint {
        case unix(String)
        case tcp(port: Int)
    }

    enum RecordType: UInt8 {
        case beginRequest = 1, endRequest = 3, params = 4, stdin = 5, stdout = 6, stderr = 7
    }

    public let endpoint: Endpoint

    public init(_ endpoint: Endpoint) { self.endpoint = endpoint }

    /// Sends one request; `stdinChunks` become one STDIN record each (so a test can split a
    /// body across records), followed by the empty record that ends the stream.
    public func send(params: [String: String], stdinChunks: [[UInt8]] = []) throws -> TestResponse {
        let connection: SocketConnection = switch endpoint {
        case .unix(let path): try SocketConnection(unixPath: path)
        case .tcp(let port): try SocketConnection(port: port)
        }
        connection.setReceiveTimeout(seconds: 30)
        return try Self.send(params: params, stdinChunks: stdinChunks, over: connection)
    }

    /// Sends one request over a connection the caller opened (one that waits in a backlog
    /// before any server runs, say) and reads the answer. With `keepConnection` (nginx's
    /// `fastcgi_keep_conn on`) the server leaves the connection open for the next request.
    public static func send(params: [String: String], stdinChunks: [[UInt8]] = [], over connection: SocketConnection,
                            keepConnection: Bool = false) throws -> TestResponse {
        let requestID: UInt16 = 1
        var bytes = record(.beginRequest, requestID, [0, 1, keepConnection ? 1 : 0, 0, 0, 0, 0, 0])  // role RESPONDER
        let encoded = encodeParams(params)
        for start in stride(from: 0, to: encoded.count, by: 65535) {
            bytes += record(.params, requestID, Array(encoded[start..<min(start + 65535, encoded.count)]))
        }
        bytes += record(.params, requestID, [])
        for chunk in stdinChunks where !chunk.isEmpty {
            precondition(chunk.count <= 65535, "a record holds at most 65,535 bytes")
            bytes += record(.stdin, requestID, chunk)
        }
        bytes += record(.stdin, requestID, [])
        try connection.send(bytes)
        let stdout = try keepConnection ? readStdoutOfOneRequest(connection) : readStdout(connection.receiveAll())
        guard let response = TestResponse.parseCGI(stdout) else {
            throw SocketConnection.Failure(description: "no CGI response in \(stdout.count) bytes of STDOUT")
        }
        return response
    }

    /// Concatenates STDOUT records up to END_REQUEST.
    static func readStdout(_ bytes: [UInt8]) throws -> [UInt8] {
        var output: [UInt8] = []
        var offset = 0
        while offset + 8 <= bytes.count {
            let type = bytes[offset + 1]
            let length = Int(bytes[offset + 4]) << 8 | Int(bytes[offset + 5])
            let padding = Int(bytes[offset + 6])
            let contentStart = offset + 8
            guard contentStart + length + padding <= bytes.count else { break }
            if type == RecordType.stdout.rawValue { output += bytes[contentStart..<contentStart + length] }
            if type == RecordType.endRequest.rawValue { return output }
            offset = contentStart + length + padding
        }
        throw SocketConnection.Failure(description: "the connection closed before END_REQUEST")
    }

    /// Reads until END_REQUEST without waiting for the server to close the connection.
    static func readStdoutOfOneRequest(_ connection: SocketConnection) throws -> [UInt8] {
        var bytes: [UInt8] = []
        while true {
            guard let chunk = connection.receive(), !chunk.isEmpty else { return try readStdout(bytes) }
            bytes += chunk
            if let stdout = try? readStdout(bytes) { return stdout }
        }
    }

    static func record(_ type: RecordType, _ requestID: UInt16, _ content: [UInt8]) -> [UInt8] {
        let padding = (8 - content.count % 8) % 8
        return [1, type.rawValue, UInt8(requestID >> 8), UInt8(requestID & 0xFF),
                UInt8(content.count >> 8), UInt8(content.count & 0xFF), UInt8(padding), 0]
            + content + [UInt8](repeating: 0, count: padding)
    }

    /// Name-value pairs: lengths under 128 take one byte, longer ones four with the top bit set.
    static func encodeParams(_ params: [String: String]) -> [UInt8] {
        var bytes: [UInt8] = []
        for (name, value) in params.sorted(by: { $0.key < $1.key }) {
            for length in [name.utf8.count, value.utf8.count] {
                if length < 128 {
                    bytes.append(UInt8(length))
                } else {
                    bytes += [UInt8(length >> 24 | 0x80), UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF)]
                }
            }
            bytes += Array(name.utf8) + Array(value.utf8)
        }
        return bytes
    }
}
