import HTTP
import Prefork

/// One worker process on `GET /health/pool`.
struct WorkerReport: Encodable, SchemaDescribed {
    let slot: Int
    let pid: Int
    let state: String
    let generation: Int
    let requestsServed: Int
    let uptimeSeconds: Double
    let activeRequests: [ActiveRequestReport]

    init(_ worker: WorkerSnapshot) {
        slot = worker.slot
        pid = Int(worker.pid)
        state = worker.state.name
        generation = worker.generation
        requestsServed = worker.requestsServed
        uptimeSeconds = (worker.uptimeSeconds * 1000).rounded() / 1000
        activeRequests = worker.requests.map(ActiveRequestReport.init)
    }

    static let schema = JSONSchema.object([
        "slot": .integer(minimum: 0),
        "pid": .integer(minimum: 1),
        "state": .string(enum: WorkerState.allCases.map(\.name)),
        "generation": .integer(minimum: 1),
        "requests_served": .integer(minimum: 0),
        "uptime_seconds": .number(minimum: 0),
        "active_requests": .array(.ref(ActiveRequestReport.self)),
    ], required: ["slot", "pid", "state", "generation", "requests_served", "uptime_seconds", "active_requests"])
}
