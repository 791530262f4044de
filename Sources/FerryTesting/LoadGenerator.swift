import Foundation

/// A bounded, steady load for end-to-end tests: `clients` threads each send one request
/// after another through nginx (a new connection each, as `HTTPTestClient` does) until
/// `stop()`, and every outcome is kept with its start and end time.
public final class LoadGenerator: @unchecked Sendable {
    public struct Outcome: Sendable {
        /// Seconds since the load began.
        public let start: Double
        public let end: Double
        /// The HTTP status; 0 when the request failed below HTTP (no connection, no answer).
        public let status: Int
    }

    /// The request one client sends; `sequence` numbers requests across all clients.
    public typealias Request = @Sendable (_ client: HTTPTestClient, _ sequence: Int) throws -> TestResponse

    private let running = Shared(true)
    private let outcomes = Shared<[Outcome]>([])
    private let counter = Shared(0)
    private let finished = DispatchGroup()
    public let began = Date()

    public init(port: Int, clients: Int = 4, pause: Double = 0.002, request: @escaping Request = { client, _ in try client.get("/") }) {
        for _ in 0..<clients {
            finished.enter()
            Thread.detachNewThread { [self] in
                let client = HTTPTestClient(port: port)
                while running.value {
                    let sequence = counter.update { value -> Int in value += 1; return value }
                    let start = now
                    let status = (try? request(client, sequence).status) ?? 0
                    let outcome = Outcome(start: start, end: now, status: status)
                    outcomes.update { $0.append(outcome) }
                    if pause > 0 { usleep(useconds_t(pause * 1e6)) }
                }
                finished.leave()
            }
        }
    }

    /// Seconds since the load began.
    public var now: Double { Date().timeIntervalSince(began) }

    public var count: Int { outcomes.value.count }

    /// What has finished so far (the load keeps going).
    public var outcomesSoFar: [Outcome] { outcomes.value }

    /// Stops every client (each finishes its request) and returns all outcomes.
    @discardableResult
    public func stop() -> [Outcome] {
        running.set(false)
        finished.wait()
        return outcomes.value
    }

    deinit {
        running.set(false)
        finished.wait()
    }
}
