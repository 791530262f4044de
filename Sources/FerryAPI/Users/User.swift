#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import HTTP

/// A user as the API shows it: never the password hash.
public struct User: Codable, Sendable, SchemaDescribed {
    public let id: Int
    public let username: String
    public let email: String
    public let fullName: String?
    public let bio: String?
    public let isActive: Bool
    public let isSuperuser: Bool
    public let createdAt: Date
    public let updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id, username, email, fullName, bio, isActive, isSuperuser, createdAt, updatedAt
    }

    /// Written out so a missing name or bio reads `null` instead of vanishing.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(username, forKey: .username)
        try container.encode(email, forKey: .email)
        try container.encode(fullName, forKey: .fullName)
        try container.encode(bio, forKey: .bio)
        try container.encode(isActive, forKey: .isActive)
        try container.encode(isSuperuser, forKey: .isSuperuser)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(updatedAt, forKey: .updatedAt)
    }

    public static let schema = JSONSchema.object([
        "id": .integer(minimum: 1), "username": .string(), "email": .string(format: "email"),
        "full_name": JSONSchema.string().orNull, "bio": JSONSchema.string().orNull,
        "is_active": .boolean, "is_superuser": .boolean,
        "created_at": .string(format: "date-time"), "updated_at": .string(format: "date-time"),
    ], required: ["id", "username", "email", "full_name", "bio", "is_active", "is_superuser", "created_at", "updated_at"])
}
