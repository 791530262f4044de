import Database
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import HTTP

/// Every `/posts` route of API.md except comments (`CommentRoutes`).
enum PostRoutes {
    static func register(on router: inout Router<AppContext>, pages: PostPageCache?) {
        let id = RouteParameter.path("id", .integer(minimum: 1), "The post's id")
        let tags = ["posts"]
        let notFound = ResponseSpec(404, "No such post, or not one the caller may see", .ref(HTTPErrorBody.self))
        let forbidden = ResponseSpec(403, "Only the author or a superuser may change or delete the post", .ref(HTTPErrorBody.self))

        router.on(.post, "/posts", RouteSpec(
            summary: "Create a post by the caller; its slug is derived from the title (`-2`, `-3`, ... on a clash)",
            tags: tags, body: .json(PostCreate.self), responses: [.created(Post.self)], requiresAuth: true
        )) { request, context in
            let author = try context.requireUser()
            let input = try request.decode(PostCreate.self)
            return try .json(create(input, author: author, context), status: .created)
        }

        router.on(.get, "/posts", RouteSpec(
            summary: "List the posts the caller may see, newest first", tags: tags,
            parameters: Pagination.parameters + [
                .query("status", PostStatus.schema, "Only posts of this status"),
                .query("author_id", .integer(minimum: 1), "Only posts by this user"),
                .query("tag", .string(minLength: 1), "Only posts carrying the tag with this slug"),
                .query("search", .string(minLength: 1), "Case-insensitive substring of title or content"),
            ],
            responses: [.ok(Page<Post>.self)]
        )) { request, context in
            let parameters = request.parameters
            let filter = PostFilter(
                status: parameters.string("status").flatMap(PostStatus.init(rawValue:)), authorID: parameters.int("author_id"),
                tagSlug: parameters.string("tag"), search: parameters.string("search"))
            return try .json(page(filter, Pagination(parameters), context, cache: pages))
        }

        router.on(.get, "/posts/search", RouteSpec(
            summary: "Full-text search over title and content, most relevant first, at most 20 (every word must match)",
            tags: tags,
            parameters: [.query("q", .string(minLength: 1), required: true, "Words to find; punctuation separates words")],
            responses: [ResponseSpec(200, "Visible posts by relevance", .array(.ref(Post.self)))]
        )) { request, context in
            let visibility = PostVisibility(try context.currentUser)
            let records = try PostRepository(session: context.session).search(
                request.parameters.string("q") ?? "", visibility: visibility, limit: 20)
            return try .json(PostLoader(session: context.session, visibility: visibility).load(records))
        }

        router.on(.get, "/posts/by-slug/{slug}", RouteSpec(
            summary: "A post by its slug", tags: tags, parameters: [.path("slug", .string(minLength: 1), "The post's slug")],
            responses: [.ok(Post.self), notFound]
        )) { request, context in
            let slug = request.parameters.string("slug") ?? ""
            let visibility = PostVisibility(try context.currentUser)
            guard let record = try PostRepository(session: context.session).find(slug: slug, visibility: visibility) else {
                throw HTTPError.notFound("Post with slug \(slug) not found")
            }
            return try .json(PostLoader(session: context.session, visibility: visibility).load(record))
        }

        router.on(.get, "/posts/{id}", RouteSpec(
            summary: "A post with its comments, oldest first", tags: tags, parameters: [id],
            responses: [.ok(PostDetail.self), notFound]
        )) { request, context in
            let visibility = PostVisibility(try context.currentUser)
            let record = try visiblePost(try request.parameters.requiredInt("id"), visibility, context)
            let post = try PostLoader(session: context.session, visibility: visibility).load(record)
            return try .json(PostDetail(post: post, comments: CommentRepository(session: context.session).list(postID: record.id)))
        }

        router.on(.put, "/posts/{id}", RouteSpec(
            summary: "Replace title, content, status and tags (omitted: `draft`, no tags); a new title gives a new slug",
            tags: tags, parameters: [id], body: .json(PostCreate.self),
            responses: [.ok(Post.self), forbidden, notFound], requiresAuth: true
        )) { request, context in
            let changes = PostUpdate(replacing: try request.decode(PostCreate.self))
            return try .json(update(try request.parameters.requiredInt("id"), changes, context))
        }

        router.on(.patch, "/posts/{id}", RouteSpec(
            summary: "Change only the fields sent; `tags` replaces the post's set; a new title gives a new slug",
            tags: tags, parameters: [id], body: .json(PostUpdateBody.self),
            responses: [.ok(Post.self), forbidden, notFound], requiresAuth: true
        )) { request, context in
            let changes = PostUpdate(try request.validatedJSON(schema: PostUpdate.schema))
            return try .json(update(try request.parameters.requiredInt("id"), changes, context))
        }

        router.on(.post, "/posts/{id}/view", RouteSpec(
            summary: "Count a view of a post the caller may see", tags: tags, parameters: [id],
            responses: [.ok(ViewCount.self), notFound]
        )) { request, context in
            let postID = try request.parameters.requiredInt("id")
            try context.session.beginWriting()
            guard let count = try PostRepository(session: context.session).recordView(
                id: postID, visibility: PostVisibility(try context.currentUser))
            else { throw notFoundError(postID) }
            return try .json(ViewCount(viewCount: count))
        }

        router.on(.delete, "/posts/{id}", RouteSpec(
            summary: "Delete a post with its comments and tag links", tags: tags, parameters: [id],
            responses: [.noContent, forbidden, notFound], requiresAuth: true
        )) { request, context in
            let caller = try context.requireUser()
            try context.session.beginWriting()
            let post = try visiblePost(try request.parameters.requiredInt("id"), PostVisibility(caller), context, locking: true)
            try requireAuthor(post, caller)
            try PostRepository(session: context.session).delete(id: post.id)
            return .noContent
        }
    }

    static func notFoundError(_ id: Int) -> HTTPError { .notFound("Post with id \(id) not found") }

    /// The post with `id` if the caller may see it, else 404 (never 403: an invisible post
    /// does not exist for the caller).
    static func visiblePost(_ id: Int, _ visibility: PostVisibility, _ context: AppContext, locking: Bool = false) throws -> PostRecord {
        guard let post = try PostRepository(session: context.session).find(id: id, visibility: visibility, locking: locking) else {
            throw notFoundError(id)
        }
        return post
    }

    static func requireAuthor(_ post: PostRecord, _ caller: User) throws {
        guard post.authorId == caller.id || caller.isSuperuser else { throw HTTPError.forbidden() }
    }

    /// A page of visible posts with authors and tags: two statements whatever the page size.
    /// An unfiltered page read by a GET comes from `cache` when nothing it shows has changed
    /// since it was built but view counts, which are read fresh, with the total, in one
    /// statement; otherwise it is built and kept.
    static func page(_ filter: PostFilter, _ pagination: Pagination, _ context: AppContext,
                     cache: PostPageCache? = nil) throws -> Page<Post> {
        let visibility = PostVisibility(try context.currentUser)
        let repository = PostRepository(session: context.session)
        let key = PostPageCache.Key(scope: visibility.scope, pageSize: pagination.pageSize, offset: pagination.offset)
        let cache = filter.conditions().isEmpty && context.session.mode == .readOnly ? cache : nil
        if let cached = cache?.entry(for: key),
           let (viewCounts, total) = try repository.freshCounts(ofPage: cached.posts.map(\.id), visibility: visibility, stamp: cached.stamp) {
            let items = cached.posts.map { $0.json(viewCount: viewCounts[$0.id] ?? $0.viewCount) }
            return Page(encodedItems: items, total: total, pagination: pagination)
        }
        let (records, total, stamp) = try repository.list(filter, visibility: visibility, pagination: pagination)
        let posts = try PostLoader(session: context.session, visibility: visibility).load(records)
        // Kept under the stamp read with the rows. On PostgreSQL the tags come from a later
        // snapshot; if a write landed between, that stamp is already gone: never served.
        if !posts.isEmpty, let kept = try cache?.store(posts, for: key, stamp: stamp) {
            return Page(encodedItems: kept.map(\.json), total: total, pagination: pagination)
        }
        return Page(items: posts, total: total, pagination: pagination)
    }

    static func create(_ input: PostCreate, author: User, _ context: AppContext) throws -> Post {
        let session = context.session
        try session.beginWriting()
        let repository = PostRepository(session: session)
        let base = Slug.derive(from: input.title, fallback: "post")
        let record = try Slug.withFreeSlug(base, session: session, taken: { try repository.takenSlugs(base) }) { slug in
            try repository.insert(
                title: input.title, slug: slug, content: input.content, status: input.status ?? .draft, authorID: author.id, now: Date())
        }
        if let names = input.tags, !names.isEmpty {
            try repository.setTags(postID: record.id, tagIDs: TagRepository(session: session).resolve(names))
        }
        return try PostLoader(session: session, visibility: PostVisibility(author)).load(record)
    }

    /// PUT and PATCH: the row is locked (PostgreSQL) or the write lock held (SQLite) from
    /// the read on, so concurrent edits apply one after the other.
    static func update(_ id: Int, _ changes: PostUpdate, _ context: AppContext) throws -> Post {
        let caller = try context.requireUser()
        let session = context.session
        try session.beginWriting()
        let visibility = PostVisibility(caller)
        let post = try visiblePost(id, visibility, context, locking: true)
        try requireAuthor(post, caller)
        let repository = PostRepository(session: session)
        // Tags before the status: `setTags` locks, in id order, every tag the status change will
        // touch too (`TagCounterLocks`). The counters come out right in either order.
        if let names = changes.tags {
            try repository.setTags(postID: id, tagIDs: TagRepository(session: session).resolve(names))
        }
        let title = changes.title ?? post.title
        let base = Slug.derive(from: title, fallback: "post")
        func write(_ slug: String) throws -> PostRecord {
            try repository.update(
                id: id, title: title, slug: slug, content: changes.content ?? post.content,
                status: changes.status ?? post.status, now: Date())
        }
        // A title with the same slug base keeps the slug; another gets the first free one.
        let updated = Slug.belongs(post.slug, to: base)
            ? try write(post.slug)
            : try Slug.withFreeSlug(base, session: session, taken: { try repository.takenSlugs(base, excluding: id) }, write)
        return try PostLoader(session: session, visibility: visibility).load(updated)
    }
}
