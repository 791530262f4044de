import Database
import HTTP

/// Every `/tags` route of API.md. API.md writes `/tags/{id}` and `/tags/{slug}/posts`; the
/// router wants one name per path position, so both are `{tag}`: an id for the delete, a
/// slug for the posts (the URLs are the same).
enum TagRoutes {
    static func register(on router: inout Router<AppContext>) {
        let tags = ["tags"]

        router.on(.post, "/tags", RouteSpec(
            summary: "Create a tag; its slug is derived from the name", tags: tags, body: .json(TagCreate.self),
            responses: [.created(Tag.self), ResponseSpec(409, "A tag of that name exists (names ignore case)", .ref(HTTPErrorBody.self))],
            requiresAuth: true
        )) { request, context in
            _ = try context.requireUser()
            let input = try request.decode(TagCreate.self)
            try context.session.beginWriting()
            return try .json(TagRepository(session: context.session).create(name: input.name), status: .created)
        }

        router.on(.get, "/tags", RouteSpec(
            summary: "Every tag by name; `post_count` counts the posts the caller may see", tags: tags,
            responses: [ResponseSpec(200, "Ordered by name, ignoring case", .array(.ref(Tag.self)))]
        )) { _, context in
            try .json(TagRepository(session: context.session).list(visibility: PostVisibility(try context.currentUser)))
        }

        router.on(.get, "/tags/{tag}/posts", RouteSpec(
            summary: "The posts carrying a tag that the caller may see, newest first", tags: tags,
            parameters: [.path("tag", .string(minLength: 1), "The tag's slug")] + Pagination.parameters,
            responses: [.ok(Page<Post>.self), ResponseSpec(404, "No such tag", .ref(HTTPErrorBody.self))]
        )) { request, context in
            let slug = request.parameters.string("tag") ?? ""
            guard let tag = try TagRepository(session: context.session).find(slug: slug) else {
                throw HTTPError.notFound("Tag with slug \(slug) not found")
            }
            return try .json(PostRoutes.page(PostFilter(tagID: tag.id), Pagination(request.parameters), context))
        }

        router.on(.delete, "/tags/{tag}", RouteSpec(
            summary: "Delete a tag; posts lose it", tags: tags, parameters: [.path("tag", .integer(minimum: 1), "The tag's id")],
            responses: [.noContent, ResponseSpec(404, "No such tag", .ref(HTTPErrorBody.self))], requiresAuth: true
        )) { request, context in
            _ = try context.requireSuperuser()
            let id = try request.parameters.requiredInt("tag")
            try context.session.beginWriting()
            guard try TagRepository(session: context.session).delete(id: id) else { throw HTTPError.notFound("Tag with id \(id) not found") }
            return .noContent
        }
    }
}
