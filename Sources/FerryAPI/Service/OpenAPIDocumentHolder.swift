import HTTP
import Synchronization

/// The rendered OpenAPI document, filled in once every route is registered (the
/// `/openapi.json` route itself included), encoded once and served from memory.
final class OpenAPIDocumentHolder: Sendable {
    private let storage = Mutex<(document: JSONValue, bytes: [UInt8])>((.null, []))

    func set(_ document: JSONValue) {
        let bytes = (try? JSONCoding.encodeSorted(document)) ?? []
        storage.withLock { $0 = (document, bytes) }
    }

    var document: JSONValue { storage.withLock { $0.document } }
    var bytes: [UInt8] { storage.withLock { $0.bytes } }
}
