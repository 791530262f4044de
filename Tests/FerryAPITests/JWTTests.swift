#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import FerryAPI
import Testing

/// Tokens signed outside Ferry, with Python's hmac/hashlib/base64 and compact sorted JSON:
///
///     def b64(b): return base64.urlsafe_b64encode(b).rstrip(b'=').decode()
///     def tok(header, payload, secret=b"ferry-test-secret-0123456789abcdef", digest=hashlib.sha256):
///         h = b64(json.dumps(header, separators=(',',':'), sort_keys=True).encode())
///         p = b64(json.dumps(payload, separators=(',',':'), sort_keys=True).encode())
///         return f"{h}.{p}." + b64(hmac.new(secret, f"{h}.{p}".encode(), digest).digest())
///
/// The header is {"alg":"HS256","typ":"JWT"} unless the name says otherwise.
enum Vectors {
    static let secret = Array("ferry-test-secret-0123456789abcdef".utf8)
    /// Every vector's exp (where it has one); iat is 1_700_000_000.
    static let exp = Date(timeIntervalSince1970: 1_700_001_800)
    static let beforeExp = Date(timeIntervalSince1970: 1_700_000_100)

    /// {"exp":1700001800,"iat":1700000000,"sub":"42","type":"access"}
    static let valid = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwMDE4MDAsImlhdCI6MTcwMDAwMDAwMCwic3ViIjoiNDIiLCJ0eXBlIjoiYWNjZXNzIn0.vc-yp4HLgxZB9ougTM8m7HXnzqrOqI4s8uPhZjo5lTE"
    /// Header {"alg":"HS256"}, payload {"exp":1700001800,"sub":"7"}
    static let noTyp = "eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjE3MDAwMDE4MDAsInN1YiI6IjcifQ.pyPvnK0FRcgwD3neUK3jV57jhrewUVYUwdEMsaihU-M"

    /// Correctly signed with the secret above, refused for what they say.
    static let refused: [(name: String, token: String, error: TokenError)] = [
        ("missing exp", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpYXQiOjE3MDAwMDAwMDAsInN1YiI6IjQyIiwidHlwZSI6ImFjY2VzcyJ9.kxYBt_m5gdt1-pRNepWRetjTJvys8yEGg6jDDd3i9No", .missingClaim("exp")),
        ("exp as string", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOiIxNzAwMDAxODAwIiwic3ViIjoiNDIifQ.umCN7p6_vRiWmMONSy9Mv6sgpjCy4QzK8yo9k1SHvKM", .invalidClaim("exp")),
        ("missing sub", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwMDE4MDAsInR5cGUiOiJhY2Nlc3MifQ.H8izVx8SX5u6sT59uQQzZTQwMqVIqxBf_H8Eq4Sni1Y", .missingClaim("sub")),
        ("sub alice", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwMDE4MDAsInN1YiI6ImFsaWNlIn0._xv4IusaeGywr5vkCqG-UCIJR7oVQ-y7ZHpNZ2ykwzU", .invalidClaim("sub")),
        ("sub as JSON number", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwMDE4MDAsInN1YiI6NDJ9.Vt1t60MtdPJRJklEV5n7NETLWrJsOrdQXQhFnvpJ3M8", .invalidClaim("sub")),
        ("sub 0", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwMDE4MDAsInN1YiI6IjAifQ.cab15t-8g8PJK5xjOI_I6JRhvvU9-E5Jkw_iphoqXW0", .invalidClaim("sub")),
        ("sub 042", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwMDE4MDAsInN1YiI6IjA0MiJ9.tANflwALX8X2IOYqLXpzEEe-yFH95wq2GGj7AK6ehEE", .invalidClaim("sub")),
        ("type refresh", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwMDE4MDAsInN1YiI6IjQyIiwidHlwZSI6InJlZnJlc2gifQ.6-zmvcp5CZTel6C9Y0_i5V0COr_qUtRZ16WYFJAM3Zg", .invalidClaim("type")),
        ("nbf at 1700000900", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwMDE4MDAsIm5iZiI6MTcwMDAwMDkwMCwic3ViIjoiNDIifQ.rF27FjwqOtxecsLF1XXXNd0Tgv3CpqNNzwkTE5edHtQ", .invalidClaim("nbf")),
        ("header without alg", "eyJ0eXAiOiJKV1QifQ.eyJleHAiOjE3MDAwMDE4MDAsInN1YiI6IjQyIn0.8aptoc0veG5IVFYl8bwt77RU6VH_rEhPfh_llAQbjcg", .unsupportedAlgorithm(nil)),
        ("alg hs256 lowercase", "eyJhbGciOiJoczI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwMDE4MDAsInN1YiI6IjQyIn0.jmiJulJZu8OnuRCqIPDt-Qxe0Rz2vRCeuKMMX1kyM5U", .unsupportedAlgorithm("hs256")),
        ("typ JWE", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXRSJ9.eyJleHAiOjE3MDAwMDE4MDAsInN1YiI6IjQyIn0.6bm2eWtWXpmtDScoCcg4X3zSUc11K8hMqO2Kx0_Coyg", .malformed("header typ is not JWT")),
        ("crit header", "eyJhbGciOiJIUzI1NiIsImNyaXQiOlsiZXhwIl19.eyJleHAiOjE3MDAwMDE4MDAsInN1YiI6IjQyIn0.YFj3QF9F6CGu4w-FuqkFJnwMtq31tclR1DjLXr-Mh44", .malformed("header has critical extensions")),
        ("payload is an array", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.WzEsMl0.IBMwKdxbgrDHy46REkyGP9nqtylJUxuEiqW6RS3Ws0U", .malformed("payload is not a JSON object")),
        // A real HMAC-SHA512 token with the same secret: the header alone gets it refused.
        ("HS512", "eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9.eyJleHAiOjE3MDAwMDE4MDAsInN1YiI6IjQyIn0.xgu3SdmlhenwMJXUcmCG6hI9mWlqLdKABP04XP0WPxuLdUyFZjOUl8XmDGHlfhCt7Ycby5Wj0Udm-RR3xpjvPA", .unsupportedAlgorithm("HS512")),
    ]
}

@Suite struct JWTTests {
    let signer = TokenSigner(secret: Vectors.secret, expiresIn: .seconds(1800))
    let now = Date(timeIntervalSince1970: 1_700_000_000)

    /// The error `verify` throws, nil if it accepted the token.
    func refusal(_ token: String, at time: Date? = nil, signer: TokenSigner? = nil) -> TokenError? {
        do {
            _ = try (signer ?? self.signer).verify(token, now: time ?? now)
            return nil
        } catch {
            return error
        }
    }

    /// base64url of `text` via Foundation, independent of Ferry's encoder.
    func b64url(_ text: String) -> String {
        Data(text.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    func parts(_ token: String) -> [String] { token.split(separator: ".", omittingEmptySubsequences: false).map(String.init) }

    @Test func issueThenVerifyRoundTrips() throws {
        let token = signer.issue(subject: 42, now: now)
        let claims = try signer.verify(token, now: now)
        #expect(claims.subject == 42)
        #expect(claims.issuedAt == now)
        #expect(claims.expiresAt == now.addingTimeInterval(1800))
        #expect(parts(token).count == 3)
        #expect(!token.contains("="))
        #expect(signer.expiresInSeconds == 1800)
    }

    @Test func issuedTokenIsByteForByteThePythonVector() {
        // Same claims, same secret: equal strings prove header, payload, base64url and HMAC all agree.
        #expect(signer.issue(subject: 42, now: now) == Vectors.valid)
    }

    @Test func independentlySignedVectorsVerify() throws {
        let claims = try signer.verify(Vectors.valid, now: Vectors.beforeExp)
        #expect(claims == TokenClaims(subject: 42, issuedAt: now, expiresAt: Vectors.exp))
        let noTyp = try signer.verify(Vectors.noTyp, now: Vectors.beforeExp)
        #expect(noTyp.subject == 7 && noTyp.issuedAt == nil)
    }

    @Test func independentlySignedBadTokensAreRefusedForTheirReason() {
        for vector in Vectors.refused {
            #expect(refusal(vector.token, at: Vectors.beforeExp) == vector.error, "\(vector.name)")
        }
    }

    @Test func expiryIsExclusiveAndLeewayIsHonoured() {
        let token = signer.issue(subject: 1, now: now)
        let exp = now.addingTimeInterval(1800)
        #expect(refusal(token, at: exp.addingTimeInterval(-1)) == nil)
        #expect(refusal(token, at: exp) == .expired)
        #expect(refusal(token, at: exp.addingTimeInterval(86_400)) == .expired)
        let lenient = TokenSigner(secret: Vectors.secret, expiresIn: .seconds(1800), leeway: .seconds(30))
        #expect(refusal(token, at: exp.addingTimeInterval(29), signer: lenient) == nil)
        #expect(refusal(token, at: exp.addingTimeInterval(30), signer: lenient) == .expired)
    }

    @Test func tokenSignedWithAnotherSecretIsRefused() {
        let other = TokenSigner(secret: Array("another-secret-that-is-32-bytes!!".utf8), expiresIn: .seconds(1800))
        #expect(refusal(other.issue(subject: 42, now: now)) == .badSignature)
        #expect(refusal(signer.issue(subject: 42, now: now), signer: other) == .badSignature)
    }

    @Test func tamperedPayloadIsRefused() {
        let token = parts(signer.issue(subject: 42, now: now))
        let forged = b64url(#"{"exp":1700001800,"iat":1700000000,"sub":"1","type":"access"}"#)
        #expect(refusal([token[0], forged, token[2]].joined(separator: ".")) == .badSignature)
        // A longer lifetime with the original signature is no better.
        let extended = b64url(#"{"exp":1900000000,"iat":1700000000,"sub":"42","type":"access"}"#)
        #expect(refusal([token[0], extended, token[2]].joined(separator: ".")) == .badSignature)
    }

    @Test func flippedSignatureBitIsRefused() {
        var token = Array(signer.issue(subject: 42, now: now).utf8)
        // The first signature character; flipping A<->B changes the first tag byte.
        let index = token.lastIndex(of: UInt8(ascii: "."))! + 1
        token[index] = token[index] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        #expect(refusal(String(decoding: token, as: UTF8.self)) == .badSignature)
        let truncated = String(signer.issue(subject: 42, now: now).dropLast(3))  // 30 bytes, well-formed
        #expect(refusal(truncated) == .badSignature)
    }

    @Test func algNoneIsRefused() {
        let payload = b64url(#"{"exp":1700001800,"sub":"42","type":"access"}"#)
        for alg in ["none", "None", "NONE"] {
            let header = b64url(#"{"alg":"\#(alg)","typ":"JWT"}"#)
            #expect(refusal(header + "." + payload + ".") == .unsupportedAlgorithm(alg))
        }
        // An HS256 signature pasted under alg none changes nothing.
        let real = parts(signer.issue(subject: 42, now: now))
        #expect(refusal([b64url(#"{"alg":"none"}"#), real[1], real[2]].joined(separator: ".")) == .unsupportedAlgorithm("none"))
    }

    @Test func otherAlgorithmsInTheHeaderAreRefused() {
        let real = parts(signer.issue(subject: 42, now: now))
        for alg in ["HS512", "HS384", "RS256", "ES256", "HS256 ", ""] {
            let header = b64url(#"{"alg":"\#(alg)","typ":"JWT"}"#)
            #expect(refusal([header, real[1], real[2]].joined(separator: ".")) == .unsupportedAlgorithm(alg))
        }
        let numeric = b64url(#"{"alg":256}"#)
        #expect(refusal([numeric, real[1], real[2]].joined(separator: ".")) == .unsupportedAlgorithm("256.0"))
    }

    @Test func wrongNumberOfPartsIsMalformed() {
        let token = signer.issue(subject: 42, now: now)
        let p = parts(token)
        #expect(refusal(p[0] + "." + p[1]) == .malformed("expected 3 dot-separated parts, found 2"))
        #expect(refusal(token + "." + p[2]) == .malformed("expected 3 dot-separated parts, found 4"))
        #expect(refusal(token + ".") == .malformed("expected 3 dot-separated parts, found 4"))
        #expect(refusal("") == .malformed("expected 3 dot-separated parts, found 1"))
        #expect(refusal("..") == .malformed("header is not a JSON object"))
    }

    @Test func nonBase64URLCharactersAreMalformed() {
        let p = parts(signer.issue(subject: 42, now: now))
        // Standard-alphabet, padded, whitespace and non-ASCII spellings.
        let badHeaders = [p[0] + "=", p[0].replacingOccurrences(of: "J", with: "+"), " " + p[0], p[0] + "é", p[0] + "A"]
        for header in badHeaders {
            #expect(refusal([header, p[1], p[2]].joined(separator: ".")) == .malformed("header is not base64url"), "\(header)")
        }
        #expect(refusal([p[0], p[1], p[2] + "="].joined(separator: ".")) == .malformed("signature is not base64url"))
        #expect(refusal([p[0], p[1], p[2] + "\n"].joined(separator: ".")) == .malformed("signature is not base64url"))
        #expect(refusal([p[0], p[1], p[2].replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")]
            .joined(separator: ".")) != nil)
        #expect(refusal([p[0], p[1] + "*", p[2]].joined(separator: ".")) == .badSignature)
    }

    @Test func nonCanonicalBase64URLIsRefused() {
        // A 32-byte tag is 43 characters; the last carries 2 spare bits that must be zero.
        // Setting one gives another spelling of the same bytes, which a lax decoder would accept.
        let p = parts(signer.issue(subject: 42, now: now))
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        let last = alphabet.firstIndex(of: p[2].last!)!
        #expect(last % 4 == 0)
        let sloppy = String(p[2].dropLast()) + String(alphabet[last + 1])
        #expect(refusal([p[0], p[1], sloppy].joined(separator: ".")) == .malformed("signature is not base64url"))
        #expect(refusal(p.joined(separator: ".")) == nil)
    }

    @Test func oversizedTokenIsRefusedBeforeParsing() {
        let huge = String(repeating: "a", count: 5000) + ".b.c"
        #expect(refusal(huge) == .malformed("longer than 4096 bytes"))
    }

    @Test func errorsDescribeThemselves() {
        #expect("\(TokenError.expired)" == "token has expired")
        #expect("\(TokenError.unsupportedAlgorithm("none"))".contains("'none'"))
        #expect("\(TokenError.missingClaim("exp"))".contains("'exp'"))
    }
}

/// Nested so the `JWTTests` filter runs it too: the secret is the signer's key.
extension JWTTests {
    @Suite struct SecretPolicyTests {
        func message(secret: String, developmentMode: Bool = false) -> String? {
            do {
                _ = try SecretPolicy.validate(secret: secret, developmentMode: developmentMode)
                return nil
            } catch {
                return "\(error)"
            }
        }

        @Test func emptySecretIsRefusedNamingTheVariableAndTheRemedy() throws {
            let text = try #require(message(secret: ""))
            #expect(text.hasPrefix("JWT_SECRET: "))
            #expect(text.contains("openssl rand -hex 32"))
        }

        @Test func thirtyOneBytesAreRefusedAndThirtyTwoAccepted() throws {
            let short = try #require(message(secret: String(repeating: "x", count: 31)))
            #expect(short.contains("JWT_SECRET") && short.contains("31 bytes"))
            let exact = String(repeating: "k", count: 32)
            #expect(try SecretPolicy.validate(secret: exact, developmentMode: false) == Array(exact.utf8))
            // Bytes, not characters: 16 two-byte characters are 32 bytes.
            #expect(try SecretPolicy.validate(secret: String(repeating: "é", count: 16), developmentMode: false).count == 32)
            #expect(message(secret: String(repeating: "é", count: 15)) != nil)
        }

        @Test func opensslHexSecretIsUsedAsItsCharacters() throws {
            let hex = "3f1c2b9e8d7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e"
            let resolved = try SecretPolicy.resolve(secret: hex, developmentMode: false)
            #expect(resolved.secret == Array(hex.utf8) && resolved.warning == nil)
        }

        @Test func developmentModeMakesARandomPerProcessSecretWithAWarning() throws {
            let first = try SecretPolicy.resolve(secret: "", developmentMode: true)
            let second = try SecretPolicy.resolve(secret: "", developmentMode: true)
            #expect(first.secret.count >= 32)
            #expect(first.secret != second.secret)
            #expect(first.secret != [UInt8](repeating: 0, count: first.secret.count))
            let warning = try #require(first.warning)
            #expect(warning.contains("JWT_SECRET"))
            #expect(try SecretPolicy.validate(secret: "", developmentMode: true).count >= 32)
            // A usable key for a signer.
            let signer = TokenSigner(secret: first.secret, expiresIn: .seconds(60))
            let now = Date(timeIntervalSince1970: 1_700_000_000)
            #expect(try signer.verify(signer.issue(subject: 5, now: now), now: now).subject == 5)
        }

        @Test func developmentModeToleratesAShortSecretButWarns() throws {
            let resolved = try SecretPolicy.resolve(secret: "dev", developmentMode: true)
            #expect(resolved.secret == Array("dev".utf8))
            #expect(resolved.warning?.contains("JWT_SECRET") == true)
        }
    }
}
