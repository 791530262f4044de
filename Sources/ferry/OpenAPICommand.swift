import ArgumentParser
import FerryAPI
import HTTP

/// `ferry openapi`: prints the OpenAPI document that `GET /openapi.json` serves.
struct OpenAPICommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "openapi", abstract: "Print the OpenAPI 3.1 document as JSON.")

    func run() throws {
        let document = FerryApplication.openAPIDocument(for: Runtime.routeTable)
        FileDescriptorOutput.standardOutput.write(try JSONCoding.encodeSorted(document) + [0x0A])
    }
}
