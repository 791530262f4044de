import HTTP
import Synchronization

/// The unfiltered pages of `GET /posts` this worker has built, per caller scope and page, with
/// the `post_totals.page_stamp` they were read at (`AddPostPageStamp`). While the stamp is
/// unchanged nothing a page shows has changed but view counts, so a page is served from here
/// after one statement that reads its view counts and total and checks the stamp
/// (`PostRepository.freshCounts`): no `OFFSET` walk, no tags, no rows to decode, and each post
/// is copied as the JSON it was encoded to, with its view count now (`CachedPost`). A write
/// from any worker or host changes the stamp, and the next read builds the page anew.
///
/// Entries of one stamp only: a newer stamp empties the cache, and so does reaching
/// `capacity` bytes of JSON (pages of many signed-in users), which bounds its memory.
final class PostPageCache: Sendable {
    struct Key: Hashable {
        let scope: PostVisibility.Scope
        let pageSize: Int
        let offset: Int
    }

    struct Entry {
        let stamp: Int64
        let posts: [CachedPost]
    }

    private struct State {
        var stamp: Int64 = 0
        var pages: [Key: [CachedPost]] = [:]
        var bytes = 0
    }

    /// About 200 pages of 20 posts of a kilobyte of JSON each.
    static let capacity = 4 << 20
    private let state = Mutex(State())

    func entry(for key: Key) -> Entry? {
        state.withLock { state in state.pages[key].map { Entry(stamp: state.stamp, posts: $0) } }
    }

    /// Keeps the page's posts as JSON (unless one cannot be kept) and answers them.
    func store(_ posts: [Post], for key: Key, stamp: Int64) throws -> [CachedPost]? {
        var cached: [CachedPost] = []
        for post in posts {
            guard let cachedPost = try CachedPost(post) else { return nil }
            cached.append(cachedPost)
        }
        let bytes = cached.reduce(0) { $0 + 64 + $1.json.bytes.count }
        state.withLock { state in
            if state.stamp != stamp || state.bytes + bytes > Self.capacity { state = State(stamp: stamp) }
            state.pages[key] = cached
            state.bytes += bytes
        }
        return cached
    }
}
