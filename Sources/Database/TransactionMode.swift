/// How a transaction starts.
public enum TransactionMode: Sendable, Hashable {
    /// Locks are taken as statements need them (plain `BEGIN`).
    case deferred
    /// Takes the write lock up front: `BEGIN IMMEDIATE` on SQLite, so a
    /// read-then-write handler cannot fail with `SQLITE_BUSY` when it upgrades to a
    /// writer. On PostgreSQL a plain `BEGIN`; lock rows with `SQL.forUpdate`.
    case immediate
}
