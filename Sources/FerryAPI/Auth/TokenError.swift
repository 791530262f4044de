/// Why a bearer token was refused. Every case is a 401 for the client; the associated text
/// is for logs, not for the response body.
public enum TokenError: Error, Equatable, CustomStringConvertible {
    /// Not three canonical base64url parts of JSON objects (the reason says which part failed).
    case malformed(String)
    /// Header `alg` other than exactly `HS256` (including `none` and a missing `alg`, nil here).
    case unsupportedAlgorithm(String?)
    /// The HMAC-SHA256 signature does not match: tampered, or signed with another secret.
    case badSignature
    /// `exp` is not in the future (beyond the allowed leeway).
    case expired
    /// A required claim (`exp`, `sub`) is absent.
    case missingClaim(String)
    /// A claim is present but unusable: `sub` not a positive integer string, `exp` not a
    /// number, `type` not `access`, `nbf` in the future.
    case invalidClaim(String)

    public var description: String {
        switch self {
        case .malformed(let reason): "malformed token: \(reason)"
        case .unsupportedAlgorithm(let algorithm?): "unsupported token algorithm '\(algorithm)': only HS256 is accepted"
        case .unsupportedAlgorithm(nil): "token header has no 'alg': only HS256 is accepted"
        case .badSignature: "token signature does not match"
        case .expired: "token has expired"
        case .missingClaim(let claim): "token lacks the '\(claim)' claim"
        case .invalidClaim(let claim): "token claim '\(claim)' is invalid"
        }
    }
}
