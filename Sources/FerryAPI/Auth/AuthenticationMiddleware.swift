import HTTP

/// Identifies the caller from `Authorization: Bearer <token>` on every route, anonymous
/// ones included: a malformed, expired or tampered token is a 401 at once. The token's
/// user is looked up with the handler's first statement (one round trip for both on
/// PostgreSQL), or alone when the handler asks for the caller first or runs nothing.
/// Either way their verdict wins over the handler's answer, as if it came first: a
/// deleted user is a 401, a deactivated one a 400 "Inactive user" (and the session
/// middleware rolls back). No header: anonymous.
struct AuthenticationMiddleware: Middleware {
    let tokens: TokenSigner

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) throws -> Response) throws -> Response {
        guard let header = request.headers["authorization"] else { return try next(request, context) }
        let users = UserRepository(session: context.session)
        let lookup = users.prefetch(id: try subject(of: header))
        context.expectCaller {
            guard let user = try users.user(lookup) else { throw HTTPError.unauthorized("Could not validate credentials") }
            guard user.isActive else { throw HTTPError.badRequest("Inactive user") }
            return user
        }
        let response: Response
        do {
            response = try next(request, context)
        } catch {
            if case .failure(let verdict as HTTPError) = Result(catching: { try context.currentUser }) { throw verdict }
            throw error
        }
        _ = try context.currentUser
        return response
    }

    /// The user id a valid bearer token names, else 401.
    private func subject(of header: String) throws -> Int {
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw HTTPError.unauthorized("Invalid authentication credentials")
        }
        do {
            return try tokens.verify(String(parts[1])).subject
        } catch {
            throw HTTPError.unauthorized(error == .expired ? "Token has expired" : "Could not validate credentials")
        }
    }
}
