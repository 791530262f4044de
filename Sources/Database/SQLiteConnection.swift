import CSQLite
#if canImport(Glibc)
import Glibc
#endif

/// SQLite's `SQLITE_TRANSIENT`: the library copies bound text and blobs at once.
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

// Extended result codes are C macro expressions, which Swift does not import.
private let constraintCheck: Int32 = 19 | (1 << 8)
private let constraintForeignKey: Int32 = 19 | (3 << 8)
private let constraintNotNull: Int32 = 19 | (5 << 8)
private let constraintPrimaryKey: Int32 = 19 | (6 << 8)
private let constraintUnique: Int32 = 19 | (8 << 8)

/// A connection to an SQLite database file (or a private in-memory database).
///
/// Opened in multi-thread mode (`SQLITE_OPEN_NOMUTEX`): SQLite does no locking of its
/// own because a connection is only ever used by one thread at a time. Files use
/// WAL (readers never block the writer), `synchronous=NORMAL` (durable at checkpoint,
/// the usual WAL pairing), `foreign_keys=ON` and a busy timeout.
public final class SQLiteConnection: Connection {
    /// A prepared statement and the column names of its result, built on first use.
    private final class Prepared {
        let handle: OpaquePointer
        var columns: ColumnIndex?
        init(handle: OpaquePointer) { self.handle = handle }
    }

    public let dialect = Dialect.sqlite
    public let id = ConnectionCounter.next()
    public private(set) var isBroken = false
    /// In process: there is no server to wait for.
    public var roundTrips: Int { 0 }
    private var db: OpaquePointer?
    /// The open transaction began `.readOnly`: statements that write are refused.
    private var isReadOnlyTransaction = false
    private var cache: StatementCache<Prepared>

    /// Opens `path` (created if missing), or a private in-memory database for `nil`.
    public init(path: String?, busyTimeoutMilliseconds: Int32 = 5000, statementCacheCapacity: Int = 128) throws {
        cache = StatementCache(capacity: statementCacheCapacity)
        var handle: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let rc = sqlite3_open_v2(path ?? ":memory:", &handle, flags, nil)
        guard rc == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close_v2(handle)
            throw DatabaseError.connectionFailed(message: "SQLite cannot open \(path ?? ":memory:"): \(message)")
        }
        db = handle
        sqlite3_extended_result_codes(handle, 1)
        sqlite3_busy_timeout(handle, busyTimeoutMilliseconds)
        do {
            if path != nil {
                try runRetryingBusy("PRAGMA journal_mode = WAL", for: busyTimeoutMilliseconds)
                try run("PRAGMA synchronous = NORMAL")
            }
            try run("PRAGMA foreign_keys = ON")
        } catch {
            close()
            throw DatabaseError.connectionFailed(message: "SQLite cannot configure \(path ?? ":memory:"): \(error)")
        }
    }

    deinit {
        close()
    }

    public var isInTransaction: Bool {
        guard let db else { return false }
        return sqlite3_get_autocommit(db) == 0
    }

    public func query(_ statement: RenderedSQL) throws -> Rows {
        let prepared = try prepare(statement.text)
        let stmt = prepared.handle
        try refuseWriteInReadOnlyTransaction(stmt, statement)
        defer {
            sqlite3_reset(stmt)
            sqlite3_clear_bindings(stmt)
        }
        try bind(statement.bindings, to: stmt)
        let columnCount = Int(sqlite3_column_count(stmt))
        let columns: ColumnIndex
        if let known = prepared.columns, known.count == columnCount {
            columns = known
        } else {
            columns = ColumnIndex(names: (0..<columnCount).map { String(cString: sqlite3_column_name(stmt, Int32($0))) })
            prepared.columns = columns
        }
        var values: [DatabaseValue] = []
        values.reserveCapacity(columnCount)  // one row is the common answer: no regrowth column by column
        while true {
            let rc = sqlite3_step(stmt)
            if rc == SQLITE_DONE { break }
            guard rc == SQLITE_ROW else { throw error(code: rc) }
            for i in 0..<Int32(columnCount) {
                values.append(readColumn(stmt, i))
            }
        }
        return Rows(columns: columns, storage: values)
    }

    @discardableResult
    public func execute(_ statement: RenderedSQL) throws -> Int {
        let stmt = try prepare(statement.text).handle
        try refuseWriteInReadOnlyTransaction(stmt, statement)
        defer {
            sqlite3_reset(stmt)
            sqlite3_clear_bindings(stmt)
        }
        try bind(statement.bindings, to: stmt)
        while true {
            let rc = sqlite3_step(stmt)
            if rc == SQLITE_DONE { break }
            guard rc == SQLITE_ROW else { throw error(code: rc) }
        }
        return Int(sqlite3_changes64(db))
    }

    public func executeScript(_ script: RenderedSQL) throws {
        try run(script.text)
    }

    /// A read-only transaction is a plain deferred one: SQLite takes no lock until the
    /// first read anyway, and statements that write are refused one by one.
    public func begin(_ mode: TransactionMode) throws {
        try execute(RenderedSQL(text: dialect.beginStatement(mode).description, bindings: []))
        isReadOnlyTransaction = mode == .readOnly
    }

    public func commit() throws {
        try execute(RenderedSQL(text: "COMMIT", bindings: []))
        isReadOnlyTransaction = false
    }

    public func rollback() throws {
        // Some errors (SQLITE_FULL, IOERR, BUSY in COMMIT) already rolled back.
        guard isInTransaction else { return }
        try execute(RenderedSQL(text: "ROLLBACK", bindings: []))
        isReadOnlyTransaction = false
    }

    public func createSavepoint(level: Int) throws {
        try run("SAVEPOINT ferry_sp_\(level)")
    }

    public func releaseSavepoint(level: Int) throws {
        try run("RELEASE SAVEPOINT ferry_sp_\(level)")
    }

    public func rollbackToSavepoint(level: Int) throws {
        try run("ROLLBACK TO SAVEPOINT ferry_sp_\(level)")
    }

    /// SQLite is in-process: an open handle is alive.
    public func ping() -> Bool {
        db != nil
    }

    /// Nothing is ever left in flight.
    public func settle() -> Bool {
        db != nil
    }

    public func close() {
        for prepared in cache.removeAll() {
            sqlite3_finalize(prepared.handle)
        }
        if let db {
            sqlite3_close_v2(db)
        }
        db = nil
        isBroken = true
    }

    // MARK: - Internals

    private func handle() throws -> OpaquePointer {
        guard let db else { throw DatabaseError.misuse("the SQLite connection is closed") }
        return db
    }

    /// Text from this module only (pragmas, savepoints, migration scripts).
    /// Switching a brand-new file to WAL needs a moment alone with it, and SQLite answers
    /// SQLITE_BUSY at once (no busy handler) when another process opens it at the same
    /// time: retry within the busy timeout. (WAL persists, so later opens are no-ops.)
    private func runRetryingBusy(_ text: String, for milliseconds: Int32) throws {
        var waited: Int32 = 0
        while true {
            do {
                return try run(text)
            } catch DatabaseError.busy(let message) {
                guard waited < milliseconds else { throw DatabaseError.busy(message: message) }
                usleep(10_000)
                waited += 10
            }
        }
    }

    private func run(_ text: String) throws {
        let db = try handle()
        var message: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(db, text, nil, nil, &message)
        sqlite3_free(message)
        if rc != SQLITE_OK { throw error(code: rc) }
    }

    private func prepare(_ text: String) throws -> Prepared {
        if let cached = cache.lookup(text) { return cached }
        let db = try handle()
        var stmt: OpaquePointer?
        let rc = sqlite3_prepare_v3(db, text, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &stmt, nil)
        guard rc == SQLITE_OK, let stmt else { throw error(code: rc) }
        let prepared = Prepared(handle: stmt)
        if let evicted = cache.insert(prepared, for: text) {
            sqlite3_finalize(evicted.handle)
        }
        return prepared
    }

    /// What `BEGIN READ ONLY` does on PostgreSQL, for parity: a bug that writes in a
    /// read-only unit fails on both databases. (`sqlite3_stmt_readonly` is a flag
    /// lookup; `PRAGMA query_only` would cost two statements per transaction.)
    private func refuseWriteInReadOnlyTransaction(_ stmt: OpaquePointer, _ statement: RenderedSQL) throws {
        guard isReadOnlyTransaction, sqlite3_stmt_readonly(stmt) == 0, isInTransaction else { return }
        throw DatabaseError.readOnlyTransaction(message: "cannot execute a statement that writes: \(statement.text)")
    }

    private func bind(_ values: [DatabaseValue], to stmt: OpaquePointer) throws {
        let expected = Int(sqlite3_bind_parameter_count(stmt))
        guard expected == values.count else {
            throw DatabaseError.misuse("the statement has \(expected) parameters but \(values.count) values were bound")
        }
        for (i, value) in values.enumerated() {
            let index = Int32(i + 1)
            let rc: Int32
            switch value {
            case .null:
                rc = sqlite3_bind_null(stmt, index)
            case .integer(let v):
                rc = sqlite3_bind_int64(stmt, index, v)
            case .bool(let b):
                rc = sqlite3_bind_int64(stmt, index, b ? 1 : 0)
            case .double(let d):
                rc = sqlite3_bind_double(stmt, index, d)
            case .text(let s), .numeric(let s):
                rc = bindText(s, stmt, index)
            case .timestamp(let us):
                rc = bindText(TimestampFormat.iso8601(microseconds: us), stmt, index)
            case .blob(let bytes):
                rc = bytes.withUnsafeBytes { buffer in
                    // A non-null pointer even for an empty blob, else SQLite binds NULL.
                    sqlite3_bind_blob64(stmt, index, buffer.baseAddress ?? UnsafeRawPointer(bitPattern: 1), UInt64(buffer.count), transient)
                }
            }
            if rc != SQLITE_OK { throw error(code: rc) }
        }
    }

    private func bindText(_ text: String, _ stmt: OpaquePointer, _ index: Int32) -> Int32 {
        var text = text
        return text.withUTF8 { buffer in
            // A non-null pointer even for "", else SQLite binds NULL.
            let base = UnsafeRawPointer(buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!)
            return sqlite3_bind_text64(stmt, index, base.assumingMemoryBound(to: CChar.self),
                                       UInt64(buffer.count), transient, UInt8(SQLITE_UTF8))
        }
    }

    private func readColumn(_ stmt: OpaquePointer, _ i: Int32) -> DatabaseValue {
        switch sqlite3_column_type(stmt, i) {
        case SQLITE_INTEGER:
            return .integer(sqlite3_column_int64(stmt, i))
        case SQLITE_FLOAT:
            return .double(sqlite3_column_double(stmt, i))
        case SQLITE_TEXT:
            let pointer = sqlite3_column_text(stmt, i)
            let count = Int(sqlite3_column_bytes(stmt, i))
            return .text(String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self))
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(stmt, i))
            guard count > 0, let pointer = sqlite3_column_blob(stmt, i) else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: pointer, count: count)))
        default:
            return .null
        }
    }

    /// Maps an SQLite (extended) result code to a typed error.
    private func error(code: Int32) -> DatabaseError {
        let extended = db.map { sqlite3_extended_errcode($0) } ?? code
        let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(code))
        func detail(after prefix: String) -> String? {
            guard let range = message.firstRange(of: prefix) else { return nil }
            return String(message[range.upperBound...])
        }
        switch extended {
        case constraintUnique, constraintPrimaryKey:
            return .uniqueViolation(constraint: detail(after: "constraint failed: "), message: message)
        case constraintForeignKey:
            return .foreignKeyViolation(constraint: nil, message: message)
        case constraintCheck:
            return .checkViolation(constraint: detail(after: "constraint failed: "), message: message)
        case constraintNotNull:
            return .notNullViolation(column: detail(after: "constraint failed: "), message: message)
        default:
            break
        }
        switch extended & 0xFF {
        case SQLITE_BUSY, SQLITE_LOCKED:
            return .busy(message: message)
        default:
            return .statement(code: "SQLITE \(extended)", message: message)
        }
    }
}
