import FerryAPI
import HTTP
import Prefork

/// `GET /health/pool`: PHP-FPM's status page, answered by whichever worker nginx picks,
/// from the scoreboard every worker shares with the master.
enum PoolStatusRoutes {
    static func register(on router: inout Router<AppContext>, link: WorkerLink?) {
        router.on(.get, "/health/pool", RouteSpec(
            summary: "Worker processes of the pool: pid, state, requests served, uptime", tags: ["service"],
            responses: [.ok(PoolReport.self, "The scoreboard as this worker reads it")]
        )) { _, _ in
            guard let link else { return .detail("No scoreboard in this process", status: .serviceUnavailable) }
            return try .json(PoolReport(link: link))
        }
    }
}
