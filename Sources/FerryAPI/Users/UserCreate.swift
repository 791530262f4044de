import HTTP

/// The body of `POST /users` and `POST /auth/register`.
struct UserCreate: Decodable, SchemaDescribed {
    let username: String
    let email: String
    let password: String
    let fullName: String?

    static let schema = JSONSchema.object([
        "username": UserFields.username, "email": UserFields.email,
        "password": UserFields.password, "full_name": UserFields.fullName,
    ], required: ["username", "email", "password"])
}
