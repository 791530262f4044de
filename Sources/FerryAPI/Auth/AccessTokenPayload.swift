/// The claims of a token Ferry issues: `sub` is the user id as a string (RFC 7519 §4.1.2 makes
/// it a StringOrURI), times are whole seconds since 1970, `type` keeps access tokens apart from
/// any other kind signed with the same secret later.
struct AccessTokenPayload: Encodable {
    var sub: String
    var iat: Int
    var exp: Int
    var type: String = "access"
}
