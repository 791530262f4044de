import Database
import FerryAPI
import FerryTesting
import Foundation
import HTTP
import Testing

@Suite struct OpenAPIDocumentTests {
    let document = TestClient.ferry().get("/openapi.json").json

    @Test func listsEveryRouteOfTheTable() {
        let router = FerryApplication.makeRouter(configuration: .testing, pool: ConnectionPool(url: .sqliteMemory))
        #expect(!router.routes.isEmpty)
        for route in router.routes {
            let operation = document["paths"]?[route.path]?[route.method.rawValue.lowercased()]
            #expect(operation?["summary"] == .string(route.spec.summary), "\(route.method) \(route.path) is documented")
            #expect(operation?["responses"]?.objectValue?.isEmpty == false)
        }
    }

    @Test func declaresOpenAPI31WithTheVersion() {
        #expect(document["openapi"] == "3.1.0")
        #expect(document["info"]?["version"] == .string(FerryVersion.current))
    }

    @Test func everyReferenceResolves() {
        let schemas = document["components"]?["schemas"]?.objectValue ?? [:]
        var references: [String] = []
        func collect(_ value: JSONValue) {
            switch value {
            case .object(let members):
                if let target = members["$ref"]?.stringValue { references.append(target) }
                members.values.forEach(collect)
            case .array(let items): items.forEach(collect)
            default: break
            }
        }
        collect(document)
        #expect(!references.isEmpty)
        for reference in references {
            #expect(schemas[String(reference.dropFirst("#/components/schemas/".count))] != nil, "\(reference) resolves")
        }
    }

    /// The document passes the reference OpenAPI validator (Python's openapi-spec-validator,
    /// installed by deploy/setup.sh and CI).
    @Test func passesTheOpenAPISpecValidator() throws {
        let directory = try TestEnvironment.makeTemporaryDirectory()
        let file = directory.appendingPathComponent("openapi.json")
        try Data(TestClient.ferry().get("/openapi.json").body).write(to: file)
        let validator = try ManagedProcess(
            executable: "/usr/bin/env", arguments: ["python3", "-m", "openapi_spec_validator", "--schema", "3.1", file.path],
            logFile: directory.appendingPathComponent("validator.log"))
        #expect(validator.waitForExit(seconds: 60) == 0, "openapi-spec-validator: \(validator.log)")
        #expect(validator.log.contains("OK"))
    }
}
