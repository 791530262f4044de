import Database
import HTTP

/// What every handler receives beside the request: the request's database session,
/// which checks a connection out of the worker's pool only when first used, and the
/// caller once a bearer token has identified them. One request, one thread: the
/// context is never shared.
public final class AppContext {
    public let requestID: String
    public let session: Session
    /// Set by `AuthenticationMiddleware` when the request carries a valid token.
    public internal(set) var currentUser: User?

    public init(requestID: String, session: Session) {
        self.requestID = requestID
        self.session = session
    }

    /// The caller, or 401 for an anonymous request.
    func requireUser() throws -> User {
        guard let currentUser else { throw HTTPError.unauthorized() }
        return currentUser
    }

    /// The caller when a superuser, else 403 (401 when anonymous).
    func requireSuperuser() throws -> User {
        let user = try requireUser()
        guard user.isSuperuser else { throw HTTPError.forbidden() }
        return user
    }

    /// The caller when it is user `id` or a superuser, else 403.
    func requireSelfOrSuperuser(_ id: Int) throws -> User {
        let user = try requireUser()
        guard user.id == id || user.isSuperuser else { throw HTTPError.forbidden() }
        return user
    }
}
