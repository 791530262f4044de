#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Issues and verifies HS256 JWT access tokens (RFC 7519) with one shared secret.
///
/// Verification accepts only what `issue` produces in shape: three canonical base64url parts,
/// header `alg` exactly `HS256` (so never `none` or an algorithm picked by the caller), an
/// HMAC-SHA256 signature compared in constant time, a numeric `exp` still in the future, a `sub`
/// that is a positive integer string, and `type` (if present) `access`.
/// Immutable, so one signer serves every worker thread.
public struct TokenSigner: Sendable {
    public typealias Claims = TokenClaims

    private let secret: [UInt8]
    /// Lifetime of issued tokens, in whole seconds.
    public let expiresInSeconds: Int
    /// Clock skew tolerated on `exp` and `nbf`, in seconds.
    public let leewaySeconds: Double

    /// Tokens longer than this are refused before any parsing; ours are about 150 bytes.
    static let maximumTokenLength = 4096

    /// `secret` should come from `SecretPolicy.validate` (32 bytes or more); an empty secret
    /// is a programming error.
    public init(secret: [UInt8], expiresIn: Duration, leeway: Duration = .zero) {
        precondition(!secret.isEmpty, "TokenSigner needs a secret: use SecretPolicy.validate")
        precondition(expiresIn > .zero && leeway >= .zero, "token lifetime must be positive")
        self.secret = secret
        self.expiresInSeconds = max(1, Int(expiresIn.components.seconds))
        self.leewaySeconds = Double(leeway.components.seconds) + Double(leeway.components.attoseconds) / 1e18
    }

    /// A signed access token for user `subject`, valid from `now` for `expiresInSeconds`.
    public func issue(subject: Int, now: Date = Date()) -> String {
        let issuedAt = Int(now.timeIntervalSince1970.rounded(.down))
        let payload = AccessTokenPayload(sub: String(subject), iat: issuedAt, exp: issuedAt + expiresInSeconds)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // A dictionary of two strings and a struct of strings and integers always encode.
        let header = try! encoder.encode(["alg": "HS256", "typ": "JWT"])
        let claims = try! encoder.encode(payload)
        let signingInput = Base64URL.encode(header) + "." + Base64URL.encode(claims)
        guard let tag = HMACSHA256.authenticate(signingInput.utf8, key: secret) else {
            preconditionFailure("OpenSSL HMAC-SHA256 failed")
        }
        return signingInput + "." + Base64URL.encode(tag)
    }

    /// The claims of `token` if it is one of ours, unaltered and unexpired at `now`.
    public func verify(_ token: String, now: Date = Date()) throws(TokenError) -> TokenClaims {
        let bytes = Array(token.utf8)
        guard bytes.count <= Self.maximumTokenLength else {
            throw .malformed("longer than \(Self.maximumTokenLength) bytes")
        }
        let parts = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw .malformed("expected 3 dot-separated parts, found \(parts.count)") }

        // The header decides how to check the signature, so it is the one part read unverified.
        guard let headerJSON = Base64URL.decode(parts[0]) else { throw .malformed("header is not base64url") }
        let header: JWTHeader
        do { header = try JSONDecoder().decode(JWTHeader.self, from: Data(headerJSON)) } catch {
            throw .malformed("header is not a JSON object")
        }
        switch header.alg {
        case .string("HS256"): break
        case .string(let other): throw .unsupportedAlgorithm(other)
        case .number(let number): throw .unsupportedAlgorithm("\(number)")
        case .other: throw .unsupportedAlgorithm("(not a string)")
        case nil: throw .unsupportedAlgorithm(nil)
        }
        if let typ = header.typ, typ != .string("JWT") { throw .malformed("header typ is not JWT") }
        if header.crit != nil { throw .malformed("header has critical extensions") }

        guard let signature = Base64URL.decode(parts[2]) else { throw .malformed("signature is not base64url") }
        let signingInput = bytes[..<parts[1].endIndex]
        guard let expected = HMACSHA256.authenticate(signingInput, key: secret),
              HMACSHA256.constantTimeEqual(expected, signature)
        else { throw .badSignature }

        // From here on the payload is ours, so a bad shape is a bug or an old format, not an attack.
        guard let payloadJSON = Base64URL.decode(parts[1]) else { throw .malformed("payload is not base64url") }
        let payload: JWTPayload
        do { payload = try JSONDecoder().decode(JWTPayload.self, from: Data(payloadJSON)) } catch {
            throw .malformed("payload is not a JSON object")
        }
        return try claims(of: payload, now: now.timeIntervalSince1970)
    }

    private func claims(of payload: JWTPayload, now: Double) throws(TokenError) -> TokenClaims {
        guard let expClaim = payload.exp else { throw .missingClaim("exp") }
        guard case .number(let exp) = expClaim else { throw .invalidClaim("exp") }
        // RFC 7519 §4.1.4: the current time must be before exp.
        guard now < exp + leewaySeconds else { throw .expired }
        if let nbfClaim = payload.nbf {
            guard case .number(let nbf) = nbfClaim, now + leewaySeconds >= nbf else { throw .invalidClaim("nbf") }
        }

        guard let subClaim = payload.sub else { throw .missingClaim("sub") }
        guard case .string(let sub) = subClaim, let subject = Self.positiveInteger(sub) else {
            throw .invalidClaim("sub")
        }
        if let type = payload.type, type != .string("access") { throw .invalidClaim("type") }

        var issuedAt: Date?
        if case .number(let iat)? = payload.iat { issuedAt = Date(timeIntervalSince1970: iat) }
        return TokenClaims(subject: subject, issuedAt: issuedAt, expiresAt: Date(timeIntervalSince1970: exp))
    }

    /// Only the canonical spelling: ASCII digits, no sign, no leading zero, fits in Int.
    private static func positiveInteger(_ text: String) -> Int? {
        let digits = text.utf8
        guard let first = digits.first, first != UInt8(ascii: "0"),
              digits.allSatisfy({ UInt8(ascii: "0")...UInt8(ascii: "9") ~= $0 }),
              let value = Int(text), value > 0
        else { return nil }
        return value
    }
}
