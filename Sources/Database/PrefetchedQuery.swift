/// A query that waits to travel with the session's next one: on PostgreSQL both go in
/// one pipeline, so reading it costs no round trip of its own (`Session.prefetch(_:)`).
public final class PrefetchedQuery {
    let statement: RenderedSQL
    /// Set once the query ran (or the session ended before it could).
    var outcome: Result<Rows, DatabaseError>?

    init(_ statement: RenderedSQL) {
        self.statement = statement
    }
}
