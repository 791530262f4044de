/// How a transaction starts.
public enum TransactionMode: Sendable, Hashable {
    /// Locks are taken as statements need them (plain `BEGIN`).
    case deferred
    /// Takes the write lock up front: `BEGIN IMMEDIATE` on SQLite, so a
    /// read-then-write handler cannot fail with `SQLITE_BUSY` when it upgrades to a
    /// writer. On PostgreSQL a plain `BEGIN`; lock rows with `SQL.forUpdate`.
    case immediate
    /// The unit only reads (GET and HEAD requests). A write fails with
    /// `DatabaseError.readOnlyTransaction`: `BEGIN READ ONLY` on PostgreSQL, a check of
    /// every statement on SQLite (whose transaction is a plain deferred one). Nothing
    /// can be written, so on PostgreSQL its end is sent without waiting for the answer.
    case readOnly
}
