import Database
import Foundation

/// An SQLite database file in its own temporary directory, for one test.
public final class SQLiteTestDatabase: Sendable {
    public let directory: String
    public var path: String { directory + "/test.db" }
    public var url: DatabaseURL { .sqliteFile(path: path) }

    public init() throws {
        var template = Array((NSTemporaryDirectory() + "ferry-sqlite-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw DatabaseFixtureError("mkdtemp failed in \(NSTemporaryDirectory())") }
        directory = String(cString: made)
    }

    /// Deletes the file with its WAL and shared-memory files.
    public func remove() {
        try? FileManager.default.removeItem(atPath: directory)
    }
}
