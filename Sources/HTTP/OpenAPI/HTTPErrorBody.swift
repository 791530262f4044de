/// `{"detail": "..."}`: the body of every error but a 422, for documenting answers.
public struct HTTPErrorBody: SchemaDescribed {
    public static let schemaName = "HTTPError"
    public static let schema = JSONSchema.object(["detail": .string()], required: ["detail"])
}
