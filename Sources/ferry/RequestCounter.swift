import Synchronization

/// Counts answered requests towards --max-requests (0: no limit).
final class RequestCounter: Sendable {
    let limit: Int
    private let count = Atomic<Int>(0)

    init(limit: Int) { self.limit = limit }

    /// True exactly once: for the request that reaches the limit.
    func countReachesLimit() -> Bool {
        guard limit > 0 else { return false }
        return count.wrappingAdd(1, ordering: .relaxed).newValue == limit
    }
}
