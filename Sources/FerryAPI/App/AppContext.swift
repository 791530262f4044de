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
    private var caller: CallerLookup?

    public init(requestID: String, session: Session) {
        self.requestID = requestID
        self.session = session
    }

    /// True when the request carries no token.
    var isAnonymous: Bool {
        caller == nil
    }

    /// The caller a bearer token names, nil when anonymous. The first read waits for the
    /// lookup, which travels with the handler's first statement when that comes first;
    /// it throws what the token's user earns (401 deleted, 400 deactivated), every time.
    public var currentUser: User? {
        get throws { try caller?.user() }
    }

    /// The caller is read by `read` when first needed.
    func expectCaller(_ read: @escaping () throws -> User) {
        caller = CallerLookup(read: read)
    }

    /// The caller is `user`, known already (tests).
    func identify(as user: User) {
        caller = CallerLookup(known: user)
    }

    /// The caller, or 401 for an anonymous request.
    func requireUser() throws -> User {
        guard let user = try currentUser else { throw HTTPError.unauthorized() }
        return user
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
