import Synchronization

/// The ids of the unfiltered pages of `GET /posts` this worker has read, per caller scope and
/// page, with the `post_totals.list_stamp` they were read at (`AddPostListStamp`). While the
/// stamp is unchanged no post has entered, left or moved in any list, so a page reads its 20
/// rows by id instead of walking `OFFSET` index entries again (on PostgreSQL most of a page's
/// cost). The rows themselves, their tags and counts are always read fresh, and the stamp is
/// checked in the same statement (`PostRepository.list`), so a stale entry is never served:
/// a write from any worker or host makes the next read fall back and refill.
///
/// Entries of one stamp only: a newer stamp empties the cache, and so does reaching
/// `capacity` (pages of many signed-in users), which bounds its memory.
final class PostPageIDCache: Sendable {
    struct Key: Hashable {
        let scope: PostVisibility.Scope
        let pageSize: Int
        let offset: Int
    }

    struct Entry {
        let stamp: Int64
        let ids: [Int]
    }

    private struct State {
        var stamp: Int64 = 0
        var pages: [Key: [Int]] = [:]
    }

    static let capacity = 2_000
    private let state = Mutex(State())

    func entry(for key: Key) -> Entry? {
        state.withLock { state in state.pages[key].map { Entry(stamp: state.stamp, ids: $0) } }
    }

    func store(_ ids: [Int], for key: Key, stamp: Int64) {
        state.withLock { state in
            if state.stamp != stamp || state.pages.count >= Self.capacity { state = State(stamp: stamp) }
            state.pages[key] = ids
        }
    }
}
