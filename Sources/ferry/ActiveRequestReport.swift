import HTTP
import Prefork

/// A request in flight on `GET /health/pool` (the status request itself shows up too).
struct ActiveRequestReport: Encodable, SchemaDescribed {
    let thread: Int
    let request: String
    let runningSeconds: Double

    init(_ request: RequestSnapshot) {
        thread = request.thread
        self.request = request.label
        runningSeconds = (MonotonicClock.seconds(request.runningFor) * 1000).rounded() / 1000
    }

    static let schema = JSONSchema.object([
        "thread": .integer(minimum: 0),
        "request": JSONSchema.string(description: "Method and URI"),
        "running_seconds": .number(minimum: 0),
    ], required: ["thread", "request", "running_seconds"])
}
