/// The one path from CGI/FastCGI params and a body to response bytes. Production
/// (FastCGI), plain CGI and the test harness all go through it, so a test exercises
/// exactly what nginx's requests exercise.
public struct CGIGateway: Sendable {
    public let responder: any Responder
    /// Bodies larger than this are refused with 413 before they are read.
    public let maxBodySize: Int

    public static let defaultMaxBodySize = 1_048_576

    public init(responder: any Responder, maxBodySize: Int = CGIGateway.defaultMaxBodySize) {
        self.responder = responder
        self.maxBodySize = maxBodySize
    }

    /// Answers one request: builds the `Request`, reads the body within the limit, responds.
    public func respond(params: [String: String], body: inout some RequestBodySource) -> Response {
        var request = Self.makeRequest(params: params)
        let declaredLength = params["CONTENT_LENGTH"].flatMap { Int($0) }
        if let declaredLength, declaredLength > maxBodySize {
            request.rejection = tooLarge(declaredLength)
        } else {
            request.body = Self.readBody(from: &body, length: declaredLength, limit: maxBodySize)
            if request.body.count > maxBodySize { request.rejection = tooLarge(nil); request.body = [] }
        }
        return responder.respond(to: request)
    }

    /// Reads a declared length exactly; without one, reads in growing chunks until the
    /// stream ends or one byte past the limit shows it was crossed.
    static func readBody(from body: inout some RequestBodySource, length: Int?, limit: Int) -> [UInt8] {
        if let length { return length > 0 ? body.read(upTo: length) : [] }
        var bytes: [UInt8] = []
        var chunk = 4096
        while bytes.count <= limit {
            let wanted = min(chunk, limit + 1 - bytes.count)
            let got = body.read(upTo: wanted)
            bytes += got
            if got.count < wanted { break }
            chunk = min(chunk * 2, 65536)
        }
        return bytes
    }

    private func tooLarge(_ length: Int?) -> HTTPError {
        let size = length.map { "\($0) bytes" } ?? "more bytes"
        return HTTPError(.payloadTooLarge, "Request body too large: \(size), the limit is \(maxBodySize) bytes")
    }

    /// The request described by CGI/1.1 meta-variables (RFC 3875) plus nginx's `DOCUMENT_URI`.
    public static func makeRequest(params: [String: String]) -> Request {
        var headers = HTTPHeaders()
        headers.reserveCapacity(8)
        for (name, value) in params {
            if let header = headerName(ofParam: name) { headers.add(lowercased: header, value) }
        }
        if let type = params["CONTENT_TYPE"], !type.isEmpty { headers.add(lowercased: "content-type", type) }
        if let length = params["CONTENT_LENGTH"], !length.isEmpty { headers.add(lowercased: "content-length", length) }
        return Request(
            method: HTTPMethod(params["REQUEST_METHOD"] ?? "GET"),
            path: path(from: params),
            query: QueryParameters(parsing: params["QUERY_STRING"] ?? ""),
            headers: headers,
            remoteAddress: params["REMOTE_ADDR"]
        )
    }

    /// nginx's `DOCUMENT_URI` is already decoded and normalised; plain CGI servers give
    /// `SCRIPT_NAME` + `PATH_INFO`; `REQUEST_URI` (raw) is the last resort.
    static func path(from params: [String: String]) -> String {
        if let uri = params["DOCUMENT_URI"], !uri.isEmpty { return uri }
        let composed = (params["SCRIPT_NAME"] ?? "") + (params["PATH_INFO"] ?? "")
        if !composed.isEmpty { return composed }
        if let raw = params["REQUEST_URI"], !raw.isEmpty {
            return percentDecode(raw.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0], plusAsSpace: false)
        }
        return "/"
    }

    /// The response as CGI output: a `Status:` line, headers, a blank line, the body.
    /// Built on bytes in one buffer: this runs for every response.
    public static func serialize(_ response: Response) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(128 + response.body.count)
        bytes += "Status: ".utf8
        bytes += String(response.status.code).utf8
        bytes.append(UInt8(ascii: " "))
        bytes += response.status.reason.utf8
        bytes += "\r\n".utf8
        for (name, value) in response.headers where name != "content-length" {
            appendCanonicalName(name, to: &bytes)
            bytes += ": ".utf8
            bytes += value.utf8
            bytes += "\r\n".utf8
        }
        if response.status.code != 204 && response.status.code != 304 {
            bytes += "Content-Length: ".utf8
            bytes += String(response.body.count).utf8
            bytes += "\r\n".utf8
        }
        bytes += "\r\n".utf8
        bytes += response.body
        return bytes
    }

    /// `x-request-id` -> `X-Request-Id`, the form readers expect in logs and curl output:
    /// the first letter and each one after a `-` uppercased (names are ASCII, stored lowercased).
    static func canonicalName(_ name: String) -> String {
        var bytes: [UInt8] = []
        appendCanonicalName(name, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func appendCanonicalName(_ name: String, to bytes: inout [UInt8]) {
        var name = name
        let start = bytes.count
        name.withUTF8 { bytes.append(contentsOf: $0) }
        bytes.withUnsafeMutableBufferPointer { written in
            var startOfWord = true
            for index in start..<written.count {
                let byte = written[index]
                if startOfWord, byte >= UInt8(ascii: "a"), byte <= UInt8(ascii: "z") { written[index] = byte - 32 }
                startOfWord = byte == UInt8(ascii: "-")
            }
        }
    }
}

extension CGIGateway {
    /// `HTTP_USER_AGENT` -> `user-agent`; nil for a param that is not a header. On bytes:
    /// this runs for every param of every request.
    static func headerName(ofParam name: String) -> String? {
        var name = name
        return name.withUTF8 { utf8 -> String? in
            guard utf8.count >= 5, utf8[0] == UInt8(ascii: "H"), utf8[1] == UInt8(ascii: "T"), utf8[2] == UInt8(ascii: "T"),
                  utf8[3] == UInt8(ascii: "P"), utf8[4] == UInt8(ascii: "_") else { return nil }
            return String(unsafeUninitializedCapacity: utf8.count - 5) { buffer in
                for index in 5..<utf8.count {
                    let byte = utf8[index]
                    buffer[index - 5] = switch byte {
                    case UInt8(ascii: "_"): UInt8(ascii: "-")
                    case UInt8(ascii: "A")...UInt8(ascii: "Z"): byte + 32
                    default: byte
                    }
                }
                return utf8.count - 5
            }
        }
    }
}
