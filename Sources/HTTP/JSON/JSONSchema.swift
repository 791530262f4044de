/// A JSON Schema (the OpenAPI 3.1 dialect) that both documents a route and validates its
/// input, so the document and the checks cannot disagree.
public struct JSONSchema: Sendable {
    public enum Kind: String, Sendable { case object, array, string, integer, number, boolean }

    /// A rule JSON Schema cannot state (an email address, a password's character mix):
    /// it answers the failing issue's (msg, type), or nil when the value passes.
    public typealias Check = @Sendable (JSONValue) -> (msg: String, type: String)?

    public var kind: Kind?
    public var nullable = false
    public var summary: String?
    public var format: String?
    public var properties: [(name: String, schema: JSONSchema)] = []
    public var required: [String] = []
    public var itemSchemas: [JSONSchema] = []
    public var minItems: Int?
    public var maxItems: Int?
    public var minLength: Int?
    public var maxLength: Int?
    public var pattern: String?
    public var minimum: Double?
    public var maximum: Double?
    public var exclusiveMinimum: Double?
    public var enumValues: [String]?
    public var anyOf: [JSONSchema] = []
    public var defaultValue: JSONValue?
    public var example: JSONValue?
    public var checks: [Check] = []
    /// Set for a named component: rendered as `$ref`, resolved lazily for validation.
    public var reference: (name: String, resolve: @Sendable () -> JSONSchema)?

    public init(kind: Kind? = nil) { self.kind = kind }

    public var items: JSONSchema? { itemSchemas.first }

    // MARK: building

    public static func string(
        minLength: Int? = nil, maxLength: Int? = nil, pattern: String? = nil, format: String? = nil,
        enum values: [String]? = nil, description: String? = nil
    ) -> JSONSchema {
        var schema = JSONSchema(kind: .string)
        schema.minLength = minLength
        schema.maxLength = maxLength
        schema.pattern = pattern
        schema.format = format
        schema.enumValues = values
        schema.summary = description
        return schema
    }

    public static func integer(minimum: Int? = nil, maximum: Int? = nil, description: String? = nil) -> JSONSchema {
        var schema = JSONSchema(kind: .integer)
        schema.minimum = minimum.map(Double.init)
        schema.maximum = maximum.map(Double.init)
        schema.summary = description
        return schema
    }

    public static func number(minimum: Double? = nil, maximum: Double? = nil, description: String? = nil) -> JSONSchema {
        var schema = JSONSchema(kind: .number)
        schema.minimum = minimum
        schema.maximum = maximum
        schema.summary = description
        return schema
    }

    public static let boolean = JSONSchema(kind: .boolean)

    public static func array(_ items: JSONSchema, minItems: Int? = nil, maxItems: Int? = nil) -> JSONSchema {
        var schema = JSONSchema(kind: .array)
        schema.itemSchemas = [items]
        schema.minItems = minItems
        schema.maxItems = maxItems
        return schema
    }

    public static func object(_ properties: KeyValuePairs<String, JSONSchema>, required: [String] = []) -> JSONSchema {
        var schema = JSONSchema(kind: .object)
        schema.properties = properties.map { ($0.key, $0.value) }
        schema.required = required
        return schema
    }

    /// An object whose properties are listed at run time, in order.
    public static func object(properties: [(String, JSONSchema)], required: [String] = []) -> JSONSchema {
        var schema = JSONSchema(kind: .object)
        schema.properties = properties.map { (name: $0.0, schema: $0.1) }
        schema.required = required
        return schema
    }

    /// Any of several shapes (a money amount sent as a number or a string, say).
    public static func anyOf(_ schemas: [JSONSchema], description: String? = nil) -> JSONSchema {
        var schema = JSONSchema()
        schema.anyOf = schemas
        schema.summary = description
        return schema
    }

    /// A reference to a named component schema.
    public static func ref<T: SchemaDescribed>(_ type: T.Type) -> JSONSchema {
        var schema = JSONSchema()
        schema.reference = (T.schemaName, { T.schema })
        return schema
    }

    // MARK: modifiers

    public var orNull: JSONSchema { var copy = self; copy.nullable = true; return copy }

    public func described(_ text: String) -> JSONSchema { var copy = self; copy.summary = text; return copy }

    public func defaulting(to value: JSONValue) -> JSONSchema { var copy = self; copy.defaultValue = value; return copy }

    public func checked(by check: @escaping Check) -> JSONSchema { var copy = self; copy.checks.append(check); return copy }

    /// The schema a reference points to (itself when it is not a reference).
    var resolved: JSONSchema { reference.map { $0.resolve() } ?? self }
}

/// A type with a named schema in the OpenAPI document's `components`.
public protocol SchemaDescribed {
    static var schema: JSONSchema { get }
    static var schemaName: String { get }
}

extension SchemaDescribed {
    public static var schemaName: String { String(describing: Self.self) }
}
