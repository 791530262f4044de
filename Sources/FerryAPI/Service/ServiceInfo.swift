import HTTP

/// The body of `GET /`.
struct ServiceInfo: Encodable, SchemaDescribed {
    let message: String
    let version: String

    static let schema = JSONSchema.object([
        "message": .string(), "version": .string(),
    ], required: ["message", "version"])
}
