import Database
import HTTP

/// The HTTP answers of database failures a client can act on: the database being
/// unreachable or the pool timing out is a 503 (retry later), a uniqueness or reference
/// conflict a handler did not translate is a 409. Anything else is a bug: a logged 500.
extension DatabaseError: HTTPResponseConvertible {
    public var httpError: HTTPError? {
        switch self {
        case .poolTimeout:
            HTTPError(.serviceUnavailable, "Database connection pool timed out", headers: HTTPHeaders([("Retry-After", "1")]))
        case _ where isUnavailable:
            HTTPError(.serviceUnavailable, "Database unavailable", headers: HTTPHeaders([("Retry-After", "1")]))
        case _ where isConstraintConflict:
            HTTPError(.conflict, "Conflict with existing data")
        default:
            nil
        }
    }
}
