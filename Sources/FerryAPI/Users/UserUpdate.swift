import HTTP

/// A change to a user: `PATCH` (and `PUT /auth/me`) change only what is sent, `null`
/// clearing a nullable field; `PUT` must send `username` and `email`, and what it omits
/// of `full_name` and `bio` becomes null. `password` and `is_active` change only when sent.
struct UserUpdate {
    var username: FieldUpdate<String>
    var email: FieldUpdate<String>
    var fullName: FieldUpdate<String>
    var bio: FieldUpdate<String>
    var password: FieldUpdate<String>
    var isActive: FieldUpdate<Bool>

    static let partialSchema = JSONSchema.object([
        "username": UserFields.username, "email": UserFields.email, "full_name": UserFields.fullName,
        "bio": UserFields.bio, "password": UserFields.password, "is_active": .boolean,
    ])

    static let fullSchema: JSONSchema = {
        var schema = partialSchema
        schema.required = ["username", "email"]
        return schema
    }()

    /// Reads a body already validated against `partialSchema` or `fullSchema`.
    init(_ body: JSONValue, replacing: Bool) {
        username = FieldUpdate(body, "username") { $0.stringValue }
        email = FieldUpdate(body, "email") { $0.stringValue?.lowercased() }
        fullName = FieldUpdate(body, "full_name") { $0.stringValue }
        bio = FieldUpdate(body, "bio") { $0.stringValue }
        password = FieldUpdate(body, "password") { $0.stringValue }
        isActive = FieldUpdate(body, "is_active") { $0.boolValue }
        if replacing {
            if fullName == .unchanged { fullName = .cleared }
            if bio == .unchanged { bio = .cleared }
        }
    }
}

/// The partial update's schema, for the OpenAPI document.
struct UserUpdateBody: SchemaDescribed {
    static let schemaName = "UserUpdate"
    static let schema = UserUpdate.partialSchema
}

/// The full replacement's schema (`PUT /users/{id}`).
struct UserReplaceBody: SchemaDescribed {
    static let schemaName = "UserReplace"
    static let schema = UserUpdate.fullSchema
}
