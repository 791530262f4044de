import HTTP

/// `GET /health/pool` as tests read it.
public struct PoolStatusView: Sendable {
    public struct Worker: Sendable, Equatable {
        public let pid: Int32
        public let state: String
        public let generation: Int
        public let requestsServed: Int
        /// "METHOD URI" of each request the worker is answering.
        public let activeRequests: [String]
    }

    public let masterPID: Int32
    public let generation: Int
    public let workers: [Worker]

    public var readyWorkers: [Worker] { workers.filter { $0.state == "ready" } }

    init(_ json: JSONValue) throws {
        guard let master = Self.integer(json["master_pid"]), let generation = Self.integer(json["generation"]),
              case .array(let list)? = json["workers"] else {
            throw SocketConnection.Failure(description: "unexpected /health/pool body")
        }
        masterPID = Int32(master)
        self.generation = generation
        workers = list.compactMap { item in
            guard let pid = Self.integer(item["pid"]), case .string(let state)? = item["state"],
                  let generation = Self.integer(item["generation"]), let served = Self.integer(item["requests_served"]),
                  case .array(let active)? = item["active_requests"] else { return nil }
            let requests = active.compactMap { request -> String? in
                if case .string(let label)? = request["request"] { return label }
                return nil
            }
            return Worker(pid: Int32(pid), state: state, generation: generation, requestsServed: served, activeRequests: requests)
        }
    }

    private static func integer(_ value: JSONValue?) -> Int? {
        if case .number(let text)? = value { return Int(text) }
        return nil
    }
}
