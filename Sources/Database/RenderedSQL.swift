/// An `SQL` value rendered for one dialect: the text handed to the database (with
/// placeholders, never values) and the values bound to them.
public struct RenderedSQL: Sendable, Hashable {
    public let text: String
    public let bindings: [DatabaseValue]
}
