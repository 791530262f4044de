import Database
import HTTP

/// A post's life: only `published` posts are visible to everyone.
enum PostStatus: String, Codable, Sendable, CaseIterable {
    case draft, published, archived

    static let schema = JSONSchema.string(enum: allCases.map(\.rawValue))
}

/// Stored as its raw value in `posts.status`.
extension PostStatus: DatabaseStringEnum {}
