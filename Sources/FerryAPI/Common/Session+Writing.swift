import Database

extension Session {
    /// Starts the transaction of a read-then-write handler. On SQLite the write lock must
    /// be taken up front (BEGIN IMMEDIATE); if a read already began a transaction (the
    /// caller's authentication, say) that one ends first, so the handler reads again under
    /// the lock. A transaction that is already writing goes on (a bulk create calls this
    /// per item). PostgreSQL needs no upgrade: rows are locked with `FOR UPDATE`.
    func beginWriting() throws {
        if dialect == .sqlite && isInTransaction && !isWriting { try commit() }
        try begin(.immediate)
    }
}
