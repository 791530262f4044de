#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The checked claims of a verified access token.
public struct TokenClaims: Sendable, Hashable {
    /// The user id (`sub`, a positive integer written as a string per RFC 7519).
    public var subject: Int
    /// `iat`, when the token carries it.
    public var issuedAt: Date?
    /// `exp`.
    public var expiresAt: Date

    public init(subject: Int, issuedAt: Date?, expiresAt: Date) {
        self.subject = subject
        self.issuedAt = issuedAt
        self.expiresAt = expiresAt
    }
}
