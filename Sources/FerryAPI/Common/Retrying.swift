import Database
import HTTP

/// Runs a whole transaction again when the database asks for it (a deadlock, a
/// serialization failure, SQLite's lock wait running out): at most `attempts` times,
/// then a 503 the client may retry, never a 500.
enum Retrying {
    static func transaction<Result>(_ session: Session, attempts: Int = 3, _ body: () throws -> Result) throws -> Result {
        for attempt in 1...attempts {
            do {
                return try body()
            } catch let error as DatabaseError where error.isRetryable {
                try? session.rollback()
                if attempt == attempts {
                    throw HTTPError(.serviceUnavailable, "The database is busy; retry the request",
                                    headers: HTTPHeaders([("Retry-After", "1")]))
                }
            }
        }
        preconditionFailure("unreachable: the loop returns or throws")
    }
}
