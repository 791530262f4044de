import Database
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import HTTP

/// Every `/users` route of API.md.
enum UserRoutes {
    static func register(on router: inout Router<AppContext>, services: AppServices) {
        let id = RouteParameter.path("id", .integer(minimum: 1), "The user's id")
        let tags = ["users"]
        let notFound = ResponseSpec(404, "No such user", .ref(HTTPErrorBody.self))
        let conflict = ResponseSpec(409, "Username or email already registered", .ref(HTTPErrorBody.self))

        router.on(.post, "/users", RouteSpec(
            summary: "Create a user (as /auth/register)", tags: tags, body: .json(UserCreate.self),
            responses: [.created(User.self), conflict]
        )) { request, context in
            try .json(createUser(request, context, services), status: .created)
        }

        router.on(.post, "/users/bulk", RouteSpec(
            summary: "Create 1 to 1000 users, all or nothing", tags: tags,
            body: RequestBodySpec(.array(.ref(UserCreate.self), minItems: 1, maxItems: 1000)),
            responses: [ResponseSpec(201, "Created, in input order", .array(.ref(User.self))), conflict], requiresAuth: true
        )) { request, context in
            _ = try context.requireSuperuser()
            return try .json(createUsers(request, context, services), status: .created)
        }

        router.on(.get, "/users", RouteSpec(
            summary: "List users, newest first", tags: tags,
            parameters: Pagination.parameters + [
                .query("is_active", .boolean, "Only active (true) or inactive (false) users"),
                .query("search", .string(minLength: 1), "Case-insensitive substring of username, email or full name"),
            ],
            responses: [.ok(Page<User>.self)], requiresAuth: true
        )) { request, context in
            let page = try UserRepository(session: context.session).list(
                isActive: request.parameters.bool("is_active"), search: request.parameters.string("search"),
                pagination: Pagination(request.parameters))
            return try .json(page)
        }

        router.on(.get, "/users/search", RouteSpec(
            summary: "Users matching q like `search`, at most 20", tags: tags,
            parameters: [.query("q", .string(minLength: 1), required: true, "Case-insensitive substring of username, email or full name")],
            responses: [ResponseSpec(200, "Matching users, newest first", .array(.ref(User.self)))], requiresAuth: true
        )) { request, context in
            return try .json(UserRepository(session: context.session).search(request.parameters.string("q") ?? "", limit: 20))
        }

        router.on(.get, "/users/by-email/{email}", RouteSpec(
            summary: "A user by email address (case-insensitive)", tags: tags,
            parameters: [.path("email", .string(minLength: 1))], responses: [.ok(User.self), notFound], requiresAuth: true
        )) { request, context in
            let email = request.parameters.string("email") ?? ""
            guard let user = try UserRepository(session: context.session).find(email: email) else {
                throw HTTPError.notFound("User with email \(email) not found")
            }
            return try .json(user)
        }

        router.on(.get, "/users/stats/active-count", RouteSpec(
            summary: "How many users are active", tags: tags, responses: [.ok(ActiveCount.self)], requiresAuth: true
        )) { _, context in
            _ = try context.requireSuperuser()
            return try .json(ActiveCount(activeUsers: UserRepository(session: context.session).countActive()))
        }

        router.on(.get, "/users/top-spenders", RouteSpec(
            summary: "Users by money spent on orders not cancelled, biggest first", tags: tags,
            parameters: [.query("limit", JSONSchema.integer(minimum: 1, maximum: 100).defaulting(to: 10))],
            responses: [ResponseSpec(200, "Biggest spenders first", .array(.ref(TopSpender.self)))], requiresAuth: true
        )) { request, context in
            _ = try context.requireSuperuser()
            return try .json(TopSpenders.list(limit: request.parameters.int("limit") ?? 10, session: context.session))
        }

        router.on(.get, "/users/{id}", RouteSpec(
            summary: "A user", tags: tags, parameters: [id], responses: [.ok(User.self), notFound], requiresAuth: true
        )) { request, context in
            return try .json(existingUser(try request.parameters.requiredInt("id"), context))
        }

        router.on(.get, "/users/{id}/with-posts", RouteSpec(
            summary: "A user with the posts the caller may see", tags: tags, parameters: [id],
            responses: [.ok(UserWithPosts.self), notFound], requiresAuth: true
        )) { request, context in
            // The user first: their lookup carries the caller's.
            let user = try existingUser(try request.parameters.requiredInt("id"), context)
            let caller = try context.requireUser()
            let visibility = PostVisibility(caller)
            let records = try PostRepository(session: context.session).all(authorID: user.id, visibility: visibility)
            return try .json(UserWithPosts(user: user, posts: PostLoader(session: context.session, visibility: visibility).load(records)))
        }

        router.on(.put, "/users/{id}", RouteSpec(
            summary: "Replace a user's profile: username and email required, omitted full_name and bio become null",
            tags: tags, parameters: [id], body: .json(UserReplaceBody.self),
            responses: [.ok(User.self), notFound, conflict], requiresAuth: true
        )) { request, context in
            try .json(updateUser(try request.parameters.requiredInt("id"), request, context, services, replacing: true))
        }

        router.on(.patch, "/users/{id}", RouteSpec(
            summary: "Change only the fields sent; null clears full_name or bio", tags: tags, parameters: [id],
            body: .json(UserUpdateBody.self), responses: [.ok(User.self), notFound, conflict], requiresAuth: true
        )) { request, context in
            try .json(updateUser(try request.parameters.requiredInt("id"), request, context, services, replacing: false))
        }

        router.on(.patch, "/users/bulk/deactivate", RouteSpec(
            summary: "Deactivate active users, superusers excepted, not updated for `days` days", tags: tags,
            parameters: [.query("days", .integer(minimum: 0), required: true)],
            responses: [.ok(DeactivatedCount.self)], requiresAuth: true
        )) { request, context in
            _ = try context.requireSuperuser()
            try context.session.beginWriting()
            let now = Date()
            let cutoff = now.addingTimeInterval(-Double(try request.parameters.requiredInt("days")) * 86_400)
            return try .json(DeactivatedCount(
                deactivatedCount: UserRepository(session: context.session).deactivateStale(notUpdatedSince: cutoff, now: now)))
        }

        router.on(.delete, "/users/{id}", RouteSpec(
            summary: "Delete a user with their posts, comments and orders", tags: tags, parameters: [id],
            responses: [.noContent, notFound], requiresAuth: true
        )) { request, context in
            let userID = try request.parameters.requiredInt("id")
            // The cascade writes posts, links and tag counters: on SQLite a read transaction
            // (the authentication's) would fail to become a writer if another wrote meanwhile.
            try context.session.beginWriting()
            _ = try existingUser(userID, context)
            _ = try context.requireSelfOrSuperuser(userID)
            _ = try UserRepository(session: context.session).delete(id: userID)
            return .noContent
        }

        router.on(.delete, "/users/{id}/soft", RouteSpec(
            summary: "Deactivate a user", tags: tags, parameters: [id],
            responses: [.ok(MessageBody.self), notFound], requiresAuth: true
        )) { request, context in
            let userID = try request.parameters.requiredInt("id")
            try context.session.beginWriting()
            _ = try existingUser(userID, context)
            _ = try context.requireSelfOrSuperuser(userID)
            try UserRepository(session: context.session).deactivate(id: userID, now: Date())
            return try .json(MessageBody(message: "User \(userID) has been deactivated"))
        }

        router.on(.delete, "/users/bulk/inactive", RouteSpec(
            summary: "Delete every inactive user", tags: tags, responses: [.ok(DeletedCount.self)], requiresAuth: true
        )) { _, context in
            _ = try context.requireSuperuser()
            try context.session.beginWriting()
            return try .json(DeletedCount(deletedCount: UserRepository(session: context.session).deleteInactive()))
        }
    }

    /// The user with `id`, or 404 naming it.
    static func existingUser(_ id: Int, _ context: AppContext) throws -> User {
        guard let user = try UserRepository(session: context.session).find(id: id) else {
            throw HTTPError.notFound("User with id \(id) not found")
        }
        return user
    }

    /// `POST /users` and `POST /auth/register`: the password is hashed before any lock is taken.
    static func createUser(_ request: Request, _ context: AppContext, _ services: AppServices) throws -> User {
        let input = try request.decode(UserCreate.self)
        let hash = try services.hash(input.password)
        return try UserAccounts.create(input, hashedPassword: hash, session: context.session)
    }

    /// `POST /users/bulk`: all or nothing, so the first conflict (in the batch or with
    /// existing users) is a 409 and the rolled-back transaction leaves nobody created.
    static func createUsers(_ request: Request, _ context: AppContext, _ services: AppServices) throws -> [User] {
        _ = try request.validatedJSON(schema: .array(.ref(UserCreate.self), minItems: 1, maxItems: 1000))
        let inputs = try JSONCoding.makeDecoder().decode([UserCreate].self, from: Data(request.body))
        var usernames = Set<String>(), emails = Set<String>()
        for input in inputs {
            guard usernames.insert(input.username).inserted else { throw HTTPError.conflict("Username \(input.username) appears twice in the request") }
            guard emails.insert(input.email.lowercased()).inserted else { throw HTTPError.conflict("Email \(input.email) appears twice in the request") }
        }
        let hashes = try PasswordHashing.hashAll(inputs.map(\.password), with: services.passwords)
        return try zip(inputs, hashes).map { input, hash in
            try UserAccounts.create(input, hashedPassword: hash, session: context.session)
        }
    }

    /// Applies a PUT (`replacing`) or PATCH body to user `id` as the caller may.
    static func updateUser(_ id: Int, _ request: Request, _ context: AppContext, _ services: AppServices, replacing: Bool) throws -> User {
        let body = try request.validatedJSON(schema: replacing ? UserUpdate.fullSchema : UserUpdate.partialSchema)
        let changes = UserUpdate(body, replacing: replacing)
        let hash = try changes.password.applied(to: nil).map { try services.hash($0) }
        try context.session.beginWriting()
        let user = try existingUser(id, context)
        let caller = try context.requireSelfOrSuperuser(id)
        if case .set(let active) = changes.isActive, active != user.isActive, !caller.isSuperuser {
            throw HTTPError.forbidden("Only a superuser can change is_active")
        }
        let repository = UserRepository(session: context.session)
        try UserAccounts.ensureAvailable(
            username: changes.username.applied(to: nil), email: changes.email.applied(to: nil), excluding: id, repository)
        do {
            return try repository.update(user, with: changes, hashedPassword: hash, now: Date())
        } catch let error as DatabaseError {
            throw UserAccounts.conflict(error) ?? error
        }
    }
}
