import Database

/// Who sees which posts (API.md): anonymous callers the published ones, a user also their
/// own of any status, a superuser all. Every query that reads posts for a caller filters
/// with `condition`, so an invisible post is missing everywhere (a 404, absent from lists,
/// counts, tag pages and search) rather than forbidden.
struct PostVisibility: Sendable {
    enum Scope: Hashable, Sendable {
        case published
        case publishedOrAuthor(Int)
        case all
    }

    let scope: Scope

    /// Every post, whoever asks (to find a comment's post before deciding on a delete).
    static let everything = PostVisibility(scope: .all)

    private init(scope: Scope) { self.scope = scope }

    init(_ viewer: User?) {
        switch viewer {
        case nil: scope = .published
        case let user? where user.isSuperuser: scope = .all
        case let user?: scope = .publishedOrAuthor(user.id)
        }
    }

    /// The condition on the posts aliased `p`.
    var condition: SQL { condition(status: "p.status", author: "p.author_id") }

    /// The condition on the given columns (for a second alias in the same statement).
    func condition(status: SQL, author: SQL) -> SQL {
        switch scope {
        case .published: "\(sql: status) = 'published'"
        case .publishedOrAuthor(let id):
            // On SQLite, unary `+` keeps the two terms off their indexes: otherwise SQLite reads
            // both indexes, merges every matching post and sorts them all for one page (~6x
            // slower than walking the created_at index and checking each row).
            .dialect(sqlite: "(+\(sql: status) = 'published' OR +\(sql: author) = \(id))",
                     postgresql: "(\(sql: status) = 'published' OR \(sql: author) = \(id))")
        case .all: "1 = 1"
        }
    }

    /// Whether the caller may see a post already loaded.
    func allows(_ post: PostRecord) -> Bool {
        switch scope {
        case .published: post.status == .published
        case .publishedOrAuthor(let id): post.status == .published || post.authorId == id
        case .all: true
        }
    }
}
