import HTTP

/// The body of `POST /auth/token`.
struct AccessToken: Encodable, SchemaDescribed {
    let accessToken: String
    let tokenType: String
    let expiresIn: Int

    static let schema = JSONSchema.object([
        "access_token": .string(), "token_type": .string(enum: ["bearer"]),
        "expires_in": JSONSchema.integer(minimum: 1).described("Seconds until the token expires"),
    ], required: ["access_token", "token_type", "expires_in"])
}

/// The credentials of `POST /auth/token`, as a form or as JSON.
struct LoginForm: SchemaDescribed {
    static let schema = JSONSchema.object([
        "username": JSONSchema.string(minLength: 1).described("Username or email address"),
        "password": .string(minLength: 1),
    ], required: ["username", "password"])
}
