/// Renders an OpenAPI 3.1 document from a router's route table, so the document is
/// exactly what the server validates and answers.
public enum OpenAPIDocument {
    public static func render<Context>(_ router: Router<Context>, title: String, version: String, summary: String) -> JSONValue {
        var renderer = SchemaRenderer()
        var paths: [String: JSONValue] = [:]
        for route in router.routes {
            var operations = paths[route.path]?.objectValue ?? [:]
            operations[route.method.rawValue.lowercased()] = operation(route, &renderer)
            paths[route.path] = .object(operations)
        }
        _ = renderer.render(.ref(HTTPErrorBody.self))
        renderer.components["ValidationIssue"] = .object([
            "type": "object", "required": ["loc", "msg", "type"],
            "properties": [
                "loc": ["type": "array", "items": ["anyOf": [["type": "string"], ["type": "integer"]]]],
                "msg": ["type": "string"], "type": ["type": "string"],
            ],
        ])
        renderer.components["HTTPValidationError"] = .object([
            "type": "object", "required": ["detail"],
            "properties": ["detail": ["type": "array", "items": ["$ref": "#/components/schemas/ValidationIssue"]]],
        ])
        return [
            "openapi": "3.1.0",
            "info": ["title": .string(title), "version": .string(version), "description": .string(summary)],
            "paths": .object(paths),
            "components": [
                "schemas": .object(renderer.components),
                "securitySchemes": ["bearerAuth": ["type": "http", "scheme": "bearer", "bearerFormat": "JWT"]],
            ],
        ]
    }

    private static func operation<Context>(_ route: Route<Context>, _ renderer: inout SchemaRenderer) -> JSONValue {
        let spec = route.spec
        var operation: [String: JSONValue] = [
            "summary": .string(spec.summary),
            "operationId": .string(operationID(route)),
        ]
        if !spec.tags.isEmpty { operation["tags"] = .array(spec.tags.map { .string($0) }) }
        if !spec.parameters.isEmpty {
            operation["parameters"] = .array(spec.parameters.map { parameter in
                var rendered: [String: JSONValue] = [
                    "name": .string(parameter.name), "in": .string(parameter.location.rawValue),
                    "required": .bool(parameter.required), "schema": renderer.render(parameter.schema),
                ]
                if let summary = parameter.summary { rendered["description"] = .string(summary) }
                return .object(rendered)
            })
        }
        if let body = spec.requestBody {
            let schema = renderer.render(body.schema)
            operation["requestBody"] = [
                "required": true,
                "content": .object(Dictionary(uniqueKeysWithValues: body.contentTypes.map { ($0, ["schema": schema]) })),
            ]
        }
        var responses: [String: JSONValue] = [:]
        for response in spec.responses {
            var rendered: [String: JSONValue] = ["description": .string(response.summary)]
            if let schema = response.schema { rendered["content"] = ["application/json": ["schema": renderer.render(schema)]] }
            responses[String(response.status)] = .object(rendered)
        }
        let errorBody: JSONValue = ["application/json": ["schema": ["$ref": "#/components/schemas/HTTPError"]]]
        if !spec.parameters.isEmpty || spec.requestBody != nil, responses["422"] == nil {
            responses["422"] = ["description": "Validation Error",
                                "content": ["application/json": ["schema": ["$ref": "#/components/schemas/HTTPValidationError"]]]]
        }
        if spec.requiresAuth {
            operation["security"] = [["bearerAuth": []]]
            if responses["401"] == nil { responses["401"] = ["description": "Missing, invalid or expired token", "content": errorBody] }
        }
        if route.spec.parameters.contains(where: { $0.location == .path }), responses["404"] == nil {
            responses["404"] = ["description": "Not Found", "content": errorBody]
        }
        operation["responses"] = .object(responses)
        return .object(operation)
    }

    static func operationID<Context>(_ route: Route<Context>) -> String {
        let words = route.path.split(separator: "/").map { part in
            part.filter { $0.isLetter || $0.isNumber || $0 == "_" }.replacingOccurrences(of: "-", with: "_")
        }
        return ([route.method.rawValue.lowercased()] + (words.isEmpty ? ["root"] : words)).joined(separator: "_")
    }
}

private extension String {
    func replacingOccurrences(of target: Character, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
