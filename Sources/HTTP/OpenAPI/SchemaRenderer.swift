/// Renders `JSONSchema` values as JSON Schema 2020-12 (OpenAPI 3.1), collecting named
/// schemas into `components` the first time they are referenced.
struct SchemaRenderer {
    var components: [String: JSONValue] = [:]

    mutating func render(_ schema: JSONSchema) -> JSONValue {
        if let (name, resolve) = schema.reference {
            if components[name] == nil {
                components[name] = ["type": "object"]  // placeholder: breaks cycles
                components[name] = render(resolve())
            }
            let reference: JSONValue = ["$ref": .string("#/components/schemas/\(name)")]
            return schema.nullable ? ["anyOf": [reference, ["type": "null"]]] : reference
        }
        var rendered: [String: JSONValue] = [:]
        if let kind = schema.kind {
            rendered["type"] = schema.nullable ? [.string(kind.rawValue), "null"] : .string(kind.rawValue)
        }
        if !schema.anyOf.isEmpty {
            var alternatives = schema.anyOf.map { render($0) }
            if schema.nullable { alternatives.append(["type": "null"]) }
            rendered["anyOf"] = .array(alternatives)
        }
        if let summary = schema.summary { rendered["description"] = .string(summary) }
        if let format = schema.format { rendered["format"] = .string(format) }
        if !schema.properties.isEmpty || schema.kind == .object {
            rendered["properties"] = .object(Dictionary(schema.properties.map { ($0.name, render($0.schema)) }, uniquingKeysWith: { $1 }))
        }
        if !schema.required.isEmpty { rendered["required"] = .array(schema.required.map { .string($0) }) }
        if let items = schema.items { rendered["items"] = render(items) }
        if let value = schema.minItems { rendered["minItems"] = .number(String(value)) }
        if let value = schema.maxItems { rendered["maxItems"] = .number(String(value)) }
        if let value = schema.minLength { rendered["minLength"] = .number(String(value)) }
        if let value = schema.maxLength { rendered["maxLength"] = .number(String(value)) }
        if let pattern = schema.pattern { rendered["pattern"] = .string(pattern) }
        if let value = schema.minimum { rendered["minimum"] = .number(SchemaValidator.format(value)) }
        if let value = schema.maximum { rendered["maximum"] = .number(SchemaValidator.format(value)) }
        if let value = schema.exclusiveMinimum { rendered["exclusiveMinimum"] = .number(SchemaValidator.format(value)) }
        if let values = schema.enumValues {
            rendered["enum"] = .array(values.map { .string($0) } + (schema.nullable ? [.null] : []))
        }
        if let value = schema.defaultValue { rendered["default"] = value }
        if let value = schema.example { rendered["examples"] = [value] }
        return .object(rendered)
    }
}
