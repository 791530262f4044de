/// What a route declares once: its parameters, body and answers. The router validates
/// requests against it and the OpenAPI document is rendered from it.
public struct RouteSpec: Sendable {
    public var summary: String
    public var tags: [String]
    public var parameters: [RouteParameter]
    public var requestBody: RequestBodySpec?
    public var responses: [ResponseSpec]
    /// True when the route needs a bearer token (rendered as a security requirement).
    public var requiresAuth: Bool

    public init(
        summary: String, tags: [String] = [], parameters: [RouteParameter] = [],
        body: RequestBodySpec? = nil, responses: [ResponseSpec], requiresAuth: Bool = false
    ) {
        self.summary = summary
        self.tags = tags
        self.parameters = parameters
        self.requestBody = body
        self.responses = responses
        self.requiresAuth = requiresAuth
    }
}

/// A path, query or header parameter with the schema its value must satisfy.
public struct RouteParameter: Sendable {
    public enum Location: String, Sendable { case path, query, header }

    public var name: String
    public var location: Location
    public var schema: JSONSchema
    public var required: Bool
    public var summary: String?

    public init(name: String, location: Location, schema: JSONSchema, required: Bool, summary: String? = nil) {
        self.name = name
        self.location = location
        self.schema = schema
        self.required = required
        self.summary = summary
    }

    /// A path parameter; integers unless said otherwise, since Ferry's ids are integers.
    public static func path(_ name: String, _ schema: JSONSchema = .integer(), _ summary: String? = nil) -> RouteParameter {
        RouteParameter(name: name, location: .path, schema: schema, required: true, summary: summary)
    }

    public static func query(_ name: String, _ schema: JSONSchema, required: Bool = false, _ summary: String? = nil) -> RouteParameter {
        RouteParameter(name: name, location: .query, schema: schema, required: required, summary: summary)
    }
}

/// A request body: its schema and the media types accepted.
public struct RequestBodySpec: Sendable {
    public var schema: JSONSchema
    public var contentTypes: [String]

    public init(_ schema: JSONSchema, contentTypes: [String] = ["application/json"]) {
        self.schema = schema
        self.contentTypes = contentTypes
    }

    public static func json<T: SchemaDescribed>(_ type: T.Type) -> RequestBodySpec { RequestBodySpec(.ref(type)) }
}

/// One documented answer of a route.
public struct ResponseSpec: Sendable {
    public var status: Int
    public var summary: String
    public var schema: JSONSchema?

    public init(_ status: Int, _ summary: String, _ schema: JSONSchema? = nil) {
        self.status = status
        self.summary = summary
        self.schema = schema
    }

    public static func ok<T: SchemaDescribed>(_ type: T.Type, _ summary: String = "Successful Response") -> ResponseSpec {
        ResponseSpec(200, summary, .ref(type))
    }

    public static func created<T: SchemaDescribed>(_ type: T.Type) -> ResponseSpec { ResponseSpec(201, "Created", .ref(type)) }

    public static let noContent = ResponseSpec(204, "No Content")
}
