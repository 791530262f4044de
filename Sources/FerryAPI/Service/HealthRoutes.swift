import Database
import HTTP

/// `GET /health` (is the database reachable?) and `GET /health/db` (this worker's pool).
enum HealthRoutes {
    static func register(on router: inout Router<AppContext>, pool: ConnectionPool) {
        router.on(.get, "/health", RouteSpec(
            summary: "Liveness and database reachability", tags: ["service"],
            responses: [.ok(Health.self, "The database answered"),
                        ResponseSpec(503, "The database cannot be reached (`status` is `unhealthy`)", .ref(Health.self))]
        )) { _, _ in
            let reachable = (try? pool.checkHealth()) != nil
            return try .json(Health(status: reachable ? "healthy" : "unhealthy", database: PoolSummary(pool.status)),
                             status: reachable ? .ok : .serviceUnavailable)
        }

        router.on(.get, "/health/db", RouteSpec(
            summary: "Connection pool of the worker that answered", tags: ["service"],
            responses: [.ok(PoolHealth.self, "The pool, and the database answered"),
                        ResponseSpec(503, "The database cannot be reached (`status` is `unhealthy`)", .ref(PoolHealth.self))]
        )) { _, _ in
            let reachable = (try? pool.checkHealth()) != nil
            return try .json(PoolHealth(pool.status, status: reachable ? "healthy" : "unhealthy"),
                             status: reachable ? .ok : .serviceUnavailable)
        }
    }
}

/// The body of `GET /health`.
struct Health: Encodable, SchemaDescribed {
    let status: String
    let database: PoolSummary

    static let schema = JSONSchema.object([
        "status": .string(enum: ["healthy", "unhealthy"]),
        "database": .ref(PoolSummary.self),
    ], required: ["status", "database"])
}

/// Pool capacity as `/health` reports it.
struct PoolSummary: Encodable, SchemaDescribed {
    let poolSize: Int
    let connectionsInUse: Int
    /// Connections that can still be checked out without waiting: pool size plus overflow, less those in use.
    let connectionsAvailable: Int

    init(_ status: PoolStatus) {
        poolSize = status.size
        connectionsInUse = status.checkedOut
        connectionsAvailable = max(0, status.size + status.maxOverflow - status.checkedOut)
    }

    static let schema = JSONSchema.object([
        "pool_size": .integer(minimum: 1), "connections_in_use": .integer(minimum: 0),
        "connections_available": JSONSchema.integer(minimum: 0).described("Pool size plus overflow, less the connections in use"),
    ], required: ["pool_size", "connections_in_use", "connections_available"])
}

/// The body of `GET /health/db`.
struct PoolHealth: Encodable, SchemaDescribed {
    let poolSize: Int
    let checkedIn: Int
    let checkedOut: Int
    let overflow: Int
    let totalConnections: Int
    let status: String

    init(_ pool: PoolStatus, status: String) {
        poolSize = pool.size
        checkedIn = pool.checkedIn
        checkedOut = pool.checkedOut
        overflow = pool.overflow
        totalConnections = pool.total
        self.status = status
    }

    static let schema = JSONSchema.object([
        "pool_size": .integer(minimum: 1), "checked_in": .integer(minimum: 0), "checked_out": .integer(minimum: 0),
        "overflow": .integer(minimum: 0), "total_connections": .integer(minimum: 0),
        "status": .string(enum: ["healthy", "unhealthy"]),
    ], required: ["pool_size", "checked_in", "checked_out", "overflow", "total_connections", "status"])
}
