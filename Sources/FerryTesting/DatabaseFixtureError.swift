/// A test database (file or directory) could not be prepared.
public struct DatabaseFixtureError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
