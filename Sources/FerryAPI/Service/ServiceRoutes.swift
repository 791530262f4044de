import HTTP

/// `GET /` and `GET /openapi.json`.
enum ServiceRoutes {
    static func register(on router: inout Router<AppContext>, document: OpenAPIDocumentHolder) {
        router.on(.get, "/", RouteSpec(
            summary: "Service name and version", tags: ["service"],
            responses: [.ok(ServiceInfo.self)]
        )) { _, _ in
            try .json(ServiceInfo(message: "Ferry API", version: FerryVersion.current))
        }

        router.on(.get, "/openapi.json", RouteSpec(
            summary: "This OpenAPI 3.1 document", tags: ["service"],
            responses: [ResponseSpec(200, "The OpenAPI document", JSONSchema(kind: .object))]
        )) { _, _ in
            .json(bytes: document.bytes)
        }
    }
}
