import HTTP

/// A post of a cached page as the JSON it was encoded to, with where its view count's digits
/// are, so the page can be served with the count read now without encoding the post again.
struct CachedPost: Sendable {
    let id: Int
    let viewCount: Int
    let json: EncodedJSON
    /// The digits of `view_count` in `json`.
    private let viewCountDigits: Range<Int>

    /// Nil if the view count cannot be found (never for a `Post`; then the page is not kept).
    init?(_ post: Post) throws {
        json = try EncodedJSON(post)
        // `,"view_count":` cannot occur inside a JSON string (a quote there is always `\"`),
        // and no member before it has that name: its first occurrence is the member.
        let key = Array(#","view_count":"#.utf8)
        let bytes = json.bytes
        guard let start = bytes.indices.first(where: { bytes[$0...].starts(with: key) }) else { return nil }
        let digitsStart = start + key.count
        let digitsEnd = bytes[digitsStart...].firstIndex { !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) } ?? bytes.endIndex
        id = post.record.id
        viewCount = post.record.viewCount
        viewCountDigits = digitsStart..<digitsEnd
    }

    /// The post's JSON with `count` as its view count.
    func json(viewCount count: Int) -> EncodedJSON {
        guard count != viewCount else { return json }
        var bytes = Array(json.bytes[..<viewCountDigits.lowerBound])
        bytes.append(contentsOf: String(count).utf8)
        bytes.append(contentsOf: json.bytes[viewCountDigits.upperBound...])
        return EncodedJSON(encoded: bytes)
    }
}
