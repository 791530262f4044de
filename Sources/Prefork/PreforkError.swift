/// A pool set-up failure, with a message an operator can act on.
public struct PreforkError: Error, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
