/// A FastCGI request sent in two halves: params and part of the body now, the rest
/// later, so a test holds a request in flight in a worker for as long as it likes.
public final class HeldFastCGIRequest {
    private let connection: SocketConnection

    /// Sends everything but `heldBack` bytes of a body of `body.count` bytes (declared in CONTENT_LENGTH).
    public init(unixPath: String, params: [String: String], body: [UInt8], heldBack: Int) throws {
        connection = try SocketConnection(unixPath: unixPath)
        connection.setReceiveTimeout(seconds: 30)
        self.rest = Array(body.suffix(heldBack))
        var bytes = FastCGIWireClient.record(.beginRequest, 1, [0, 1, 0, 0, 0, 0, 0, 0])
        bytes += FastCGIWireClient.record(.params, 1, FastCGIWireClient.encodeParams(params.merging(["CONTENT_LENGTH": String(body.count)]) { $1 }))
        bytes += FastCGIWireClient.record(.params, 1, [])
        let sent = Array(body.prefix(body.count - heldBack))
        if !sent.isEmpty { bytes += FastCGIWireClient.record(.stdin, 1, sent) }
        try connection.send(bytes)
    }

    private let rest: [UInt8]

    /// Sends the rest of the body and reads the answer.
    public func finish() throws -> TestResponse {
        var bytes: [UInt8] = []
        if !rest.isEmpty { bytes += FastCGIWireClient.record(.stdin, 1, rest) }
        bytes += FastCGIWireClient.record(.stdin, 1, [])
        try connection.send(bytes)
        let stdout = try FastCGIWireClient.readStdout(connection.receiveAll())
        guard let response = TestResponse.parseCGI(stdout) else {
            throw SocketConnection.Failure(description: "no CGI response in \(stdout.count) bytes of STDOUT")
        }
        return response
    }

    /// Reads whatever arrives until the server closes (after the worker was killed, say).
    public func readUntilClosed() -> [UInt8] { connection.receiveAll() }
}
