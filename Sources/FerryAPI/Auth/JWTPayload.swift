/// The registered claims Ferry checks in a presented token, each read leniently (see `JSONMember`).
struct JWTPayload: Decodable {
    var sub: JSONMember?
    var exp: JSONMember?
    var iat: JSONMember?
    var nbf: JSONMember?
    var type: JSONMember?
}
