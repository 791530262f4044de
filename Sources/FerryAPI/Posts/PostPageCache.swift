import HTTP
import Synchronization

/// The unfiltered pages of `GET /posts` this worker has built, per caller scope and page, with
/// the `post_totals.page_stamp` they were read at (`AddPostPageStamp`). While the stamp is
/// unchanged nothing a page shows has changed but view counts, so a page is served from here
/// after one statement that reads its view counts and total and checks the stamp
/// (`PostRepository.freshCounts`): no `OFFSET` walk, no tags, no rows to decode, and each post
/// whose view count is unchanged is copied as the JSON it was encoded to. A write from any
/// worker or host changes the stamp, and the next read builds the page anew.
///
/// Entries of one stamp only: a newer stamp empties the cache, and so does reaching
/// `capacity` bytes of text (pages of many signed-in users), which bounds its memory.
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

    /// A post and its JSON as built.
    struct CachedPost: Sendable {
        let post: Post
        let json: EncodedJSON
    }

    private struct State {
        var stamp: Int64 = 0
        var pages: [Key: [CachedPost]] = [:]
        var bytes = 0
    }

    /// About 100 pages of 20 posts with a kilobyte of text each (twice: as strings and as JSON).
    static let capacity = 4 << 20
    private let state = Mutex(State())

    func entry(for key: Key) -> Entry? {
        state.withLock { state in state.pages[key].map { Entry(stamp: state.stamp, posts: $0) } }
    }

    func store(_ posts: [Post], for key: Key, stamp: Int64) throws {
        let posts = try posts.map { CachedPost(post: $0, json: try EncodedJSON($0)) }
        let bytes = posts.reduce(0) { $0 + $1.post.approximateBytes + $1.json.bytes.count }
        state.withLock { state in
            if state.stamp != stamp || state.bytes + bytes > Self.capacity { state = State(stamp: stamp) }
            state.pages[key] = posts
            state.bytes += bytes
        }
    }
}

private extension Post {
    /// The text a cached post holds, plus a little for everything else.
    var approximateBytes: Int {
        256 + record.title.utf8.count + record.slug.utf8.count + record.content.utf8.count + author.username.utf8.count
            + tags.reduce(0) { $0 + 64 + $1.name.utf8.count + $1.slug.utf8.count }
    }
}
