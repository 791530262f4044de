#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import HTTP

/// A user as the API shows it: never the password hash.
public struct User: Codable, JSONObjectEncodable, Sendable, SchemaDescribed {
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

    /// A missing name or bio reads `null` instead of vanishing.
    public func encodeMembers(to object: inout JSONObjectMembers) throws {
        try object.encode(id, forKey: "id")
        try object.encode(username, forKey: "username")
        try object.encode(email, forKey: "email")
        try object.encode(fullName, forKey: "full_name")
        try object.encode(bio, forKey: "bio")
        try object.encode(isActive, forKey: "is_active")
        try object.encode(isSuperuser, forKey: "is_superuser")
        try object.encode(createdAt, forKey: "created_at")
        try object.encode(updatedAt, forKey: "updated_at")
    }

    public static let schema = JSONSchema.object([
        "id": .integer(minimum: 1), "username": .string(), "email": .string(format: "email"),
        "full_name": JSONSchema.string().orNull, "bio": JSONSchema.string().orNull,
        "is_active": .boolean, "is_superuser": .boolean,
        "created_at": .string(format: "date-time"), "updated_at": .string(format: "date-time"),
    ], required: ["id", "username", "email", "full_name", "bio", "is_active", "is_superuser", "created_at", "updated_at"])
}
