import Database
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import HTTP

/// `POST/GET /posts/{id}/comments` and `DELETE /comments/{id}`.
enum CommentRoutes {
    static func register(on router: inout Router<AppContext>) {
        let tags = ["comments"]
        let postID = RouteParameter.path("id", .integer(minimum: 1), "The post's id")
        let postNotFound = ResponseSpec(404, "No such post, or not one the caller may see", .ref(HTTPErrorBody.self))

        router.on(.post, "/posts/{id}/comments", RouteSpec(
            summary: "Comment on a post the caller may see; `parent_id` must be a comment of the same post",
            tags: tags, parameters: [postID], body: .json(CommentCreate.self),
            responses: [.created(Comment.self), ResponseSpec(400, "The parent is not a comment of this post", .ref(HTTPErrorBody.self)), postNotFound],
            requiresAuth: true
        )) { request, context in
            let caller = try context.requireUser()
            let input = try request.decode(CommentCreate.self)
            try context.session.beginWriting()
            let post = try PostRoutes.visiblePost(try request.parameters.requiredInt("id"), PostVisibility(caller), context)
            let comments = CommentRepository(session: context.session)
            if let parentID = input.parentId {
                guard let parent = try comments.find(id: parentID), parent.postId == post.id else {
                    throw HTTPError.badRequest("Parent comment \(parentID) is not a comment of post \(post.id)")
                }
            }
            let comment = try comments.insert(postID: post.id, userID: caller.id, parentID: input.parentId, content: input.content, now: Date())
            return try .json(comment, status: .created)
        }

        router.on(.get, "/posts/{id}/comments", RouteSpec(
            summary: "The comments of a post the caller may see, oldest first", tags: tags, parameters: [postID],
            responses: [ResponseSpec(200, "Oldest first", .array(.ref(Comment.self))), postNotFound]
        )) { request, context in
            let post = try PostRoutes.visiblePost(try request.parameters.requiredInt("id"), PostVisibility(try context.currentUser), context)
            return try .json(CommentRepository(session: context.session).list(postID: post.id))
        }

        router.on(.delete, "/comments/{id}", RouteSpec(
            summary: "Delete a comment with its replies (its author, the post's author or a superuser)", tags: tags,
            parameters: [.path("id", .integer(minimum: 1), "The comment's id")],
            responses: [.noContent, ResponseSpec(403, "Neither the comment's nor the post's author", .ref(HTTPErrorBody.self)),
                        ResponseSpec(404, "No such comment, or on a post the caller may not see", .ref(HTTPErrorBody.self))],
            requiresAuth: true
        )) { request, context in
            let caller = try context.requireUser()
            let id = try request.parameters.requiredInt("id")
            try context.session.beginWriting()
            let comments = CommentRepository(session: context.session)
            let notFound = HTTPError.notFound("Comment with id \(id) not found")
            guard let comment = try comments.find(id: id),
                  let post = try PostRepository(session: context.session).find(id: comment.postId, visibility: .everything)
            else { throw notFound }
            let allowed = comment.userId == caller.id || post.authorId == caller.id || caller.isSuperuser
            if !allowed {
                // A comment on a post the caller cannot see does not exist for them.
                throw PostVisibility(caller).allows(post) ? HTTPError.forbidden() : notFound
            }
            try comments.delete(id: id)
            return .noContent
        }
    }
}
