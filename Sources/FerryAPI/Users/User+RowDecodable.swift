import Database

/// Read by position: `AuthenticationMiddleware` reads the caller's row on every
/// authenticated request.
extension User: RowDecodable {
    public static let columns: [StaticString] = [
        "id", "username", "email", "full_name", "bio", "is_active", "is_superuser", "created_at", "updated_at",
    ]

    public init(row: inout RowReader) throws {
        self.init(
            id: try row.next(), username: try row.next(), email: try row.next(), fullName: try row.next(), bio: try row.next(),
            isActive: try row.next(), isSuperuser: try row.next(), createdAt: try row.next(), updatedAt: try row.next())
    }
}
