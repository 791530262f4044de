import CSQLite

/// The same statements straight through libsqlite3: one prepared statement, bind, step, reset.
final class SQLiteDirect {
    private var handle: OpaquePointer?

    init(path: String) {
        sqlite3_open_v2(path, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nil)
        // The pragmas Ferry's connections use, so both sides pay the same durability cost.
        sqlite3_exec(handle, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON", nil, nil, nil)
    }

    deinit { sqlite3_close_v2(handle) }

    func execute(_ sql: String) { sqlite3_exec(handle, sql, nil, nil, nil) }

    func prepare(_ sql: String) -> OpaquePointer? {
        var statement: OpaquePointer?
        sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        return statement
    }

    /// Binds one integer, steps through every row reading the columns, resets.
    func selectByID(_ statement: OpaquePointer?, id: Int64) -> Int64 {
        sqlite3_bind_int64(statement, 1, id)
        var sum: Int64 = 0
        while sqlite3_step(statement) == SQLITE_ROW {
            sum += sqlite3_column_int64(statement, 0) + Int64(sqlite3_column_bytes(statement, 1)) + sqlite3_column_int64(statement, 2)
        }
        sqlite3_reset(statement)
        return sum
    }

    func insert(_ statement: OpaquePointer?, name: String, value: Int64) {
        sqlite3_bind_text(statement, 1, name, -1, unsafeBitCast(-1, to: sqlite3_destructor_type.self))
        sqlite3_bind_int64(statement, 2, value)
        sqlite3_step(statement)
        sqlite3_reset(statement)
    }
}
