import HTTP

/// Identifies the caller from `Authorization: Bearer <token>` on every route, anonymous
/// ones included: a malformed, expired or tampered token, or one of a deleted user, is a
/// 401; one of a deactivated user is a 400 "Inactive user". No header: anonymous.
struct AuthenticationMiddleware: Middleware {
    let tokens: TokenSigner

    func handle(_ request: Request, context: AppContext, next: (Request, AppContext) throws -> Response) throws -> Response {
        if let header = request.headers["authorization"] {
            context.currentUser = try authenticate(header, session: context)
        }
        return try next(request, context)
    }

    private func authenticate(_ header: String, session context: AppContext) throws -> User {
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw HTTPError.unauthorized("Invalid authentication credentials")
        }
        let claims: TokenClaims
        do {
            claims = try tokens.verify(String(parts[1]))
        } catch {
            throw HTTPError.unauthorized(error == .expired ? "Token has expired" : "Could not validate credentials")
        }
        guard let user = try UserRepository(session: context.session).find(id: claims.subject) else {
            throw HTTPError.unauthorized("Could not validate credentials")
        }
        guard user.isActive else { throw HTTPError.badRequest("Inactive user") }
        return user
    }
}
