#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A row of `schema_migrations`: a migration that ran on this database.
public struct AppliedMigration: Sendable, Hashable, Decodable {
    public let version: Int
    public let name: String
    public let checksum: String
    public let appliedAt: Date
}
