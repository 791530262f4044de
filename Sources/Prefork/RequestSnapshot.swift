/// A request a worker thread is answering, as read from the scoreboard.
public struct RequestSnapshot: Sendable, Equatable {
    public let thread: Int
    /// What the worker wrote when the request began (method and URI), for log lines.
    public let label: String
    /// Nanoseconds the request has been running.
    public let runningFor: Int64
}
