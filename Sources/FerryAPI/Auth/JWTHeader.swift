/// The JOSE header members Ferry checks; others (`kid`...) are ignored.
struct JWTHeader: Decodable {
    var alg: JSONMember?
    var typ: JSONMember?
    /// Critical extensions (RFC 7515 §4.1.11): we understand none, so any makes the token invalid.
    var crit: JSONMember?
}
