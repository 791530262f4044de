#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Where one migration stands on a database, for `ferry migrate status`.
public struct MigrationStatus: Sendable, Hashable {
    public enum State: Sendable, Hashable {
        case applied(at: Date)
        case pending
        /// Applied, but its up SQL in code no longer matches what ran.
        case checksumMismatch(recorded: String, current: String)
        /// Applied on the database, but unknown to this build.
        case unknown
    }

    public let version: Int
    public let name: String
    public let state: State
}
