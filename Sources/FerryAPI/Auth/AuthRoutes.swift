#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import HTTP

/// `POST /auth/register`, `POST /auth/token` (OAuth2 password flow), `GET`/`PUT /auth/me`.
enum AuthRoutes {
    static func register(on router: inout Router<AppContext>, services: AppServices) {
        router.on(.post, "/auth/register", RouteSpec(
            summary: "Register a user", tags: ["auth"], body: .json(UserCreate.self),
            responses: [.created(User.self), ResponseSpec(409, "Username or email already registered", .ref(HTTPErrorBody.self))]
        )) { request, context in
            try .json(UserRoutes.createUser(request, context, services), status: .created)
        }

        router.on(.post, "/auth/token", RouteSpec(
            summary: "Log in: exchange a username (or email) and password for a bearer token", tags: ["auth"],
            body: RequestBodySpec(.ref(LoginForm.self), contentTypes: ["application/x-www-form-urlencoded", "application/json"]),
            responses: [.ok(AccessToken.self),
                        ResponseSpec(400, "Inactive user", .ref(HTTPErrorBody.self)),
                        ResponseSpec(401, "Incorrect username or password", .ref(HTTPErrorBody.self))]
        )) { request, context in
            let (login, password) = try credentials(from: request)
            let found = try UserRepository(session: context.session).credentials(login: login)
            // The connection goes back to the pool before the slow hash is checked.
            try context.session.commit()
            guard let (user, hash) = found else {
                services.passwords.verifyDummy(password)  // the same time as a wrong password
                throw HTTPError.unauthorized("Incorrect username or password")
            }
            guard services.passwords.verify(password, against: hash) else {
                throw HTTPError.unauthorized("Incorrect username or password")
            }
            guard user.isActive else { throw HTTPError.badRequest("Inactive user") }
            return try .json(AccessToken(accessToken: services.tokens.issue(subject: user.id), tokenType: "bearer",
                                         expiresIn: services.tokens.expiresInSeconds))
        }

        router.on(.get, "/auth/me", RouteSpec(
            summary: "The caller", tags: ["auth"], responses: [.ok(User.self)], requiresAuth: true
        )) { _, context in
            try .json(context.requireUser())
        }

        router.on(.put, "/auth/me", RouteSpec(
            summary: "Change the caller: a partial update like PATCH /users/{id}", tags: ["auth"],
            body: .json(UserUpdateBody.self), responses: [.ok(User.self)], requiresAuth: true
        )) { request, context in
            let caller = try context.requireUser()
            return try .json(UserRoutes.updateUser(caller.id, request, context, services, replacing: false))
        }
    }

    /// `username` and `password` from a form body or a JSON body, validated alike.
    static func credentials(from request: Request) throws -> (String, String) {
        let body: JSONValue
        if request.contentType == "application/x-www-form-urlencoded" {
            let form = QueryParameters(parsing: String(decoding: request.body, as: UTF8.self))
            var members: [String: JSONValue] = [:]
            for key in ["username", "password"] { if let value = form[key] { members[key] = .string(value) } }
            body = .object(members)
            let issues = SchemaValidator.validate(body, against: LoginForm.schema, at: ["body"])
            guard issues.isEmpty else { throw ValidationError(issues) }
        } else {
            body = try request.validatedJSON(schema: LoginForm.schema)
        }
        return (body["username"]?.stringValue ?? "", body["password"]?.stringValue ?? "")
    }
}
