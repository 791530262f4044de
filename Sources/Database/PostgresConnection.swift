import CLibPQ
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

private func diagnostic(_ result: OpaquePointer?, _ field: Character) -> String? {
    guard let result, let value = PQresultErrorField(result, Int32(field.asciiValue!)) else { return nil }
    return String(cString: value)
}

/// A connection to PostgreSQL through libpq.
///
/// Every statement is prepared once per connection under a generated name
/// (`ferry_1`, ...) and then run with `PQexecPrepared`; values always travel as
/// parameters. Parameters are sent as text with a type OID (bytea as binary),
/// except strings, which are sent untyped so the server infers the column's type
/// (varchar, jsonb, an enum...). Results come back as text, parsed per column type.
public final class PostgresConnection: Connection {
    /// A named server-side prepared statement, with its result columns once known.
    private final class Prepared {
        let name: String
        let parameterTypes: [Oid]
        var columns: ColumnIndex?
        var columnTypes: [Oid] = []
        init(name: String, parameterTypes: [Oid]) {
            self.name = name
            self.parameterTypes = parameterTypes
        }
    }

    public let dialect = Dialect.postgresql
    public let id = ConnectionCounter.next()
    public private(set) var isBroken = false
    private var conn: OpaquePointer?
    private var cache: StatementCache<Prepared>
    private var statementCounter = 0
    /// Statements evicted while the transaction had failed: deallocated later.
    private var pendingDeallocations: [String] = []
    /// Reused buffer for parameter text, to avoid an allocation per parameter.
    private var parameterBytes: [UInt8] = []
    private var parameterOffsets: [Int] = []
    private var parameterLengths: [Int32] = []
    private var parameterFormats: [Int32] = []

    public init(options: PostgresConnectionOptions, statementCacheCapacity: Int = 128) throws {
        cache = StatementCache(capacity: statementCacheCapacity)
        let pairs = options.keywordsAndValues
        let keywords = pairs.map { strdup($0.0) }
        let values = pairs.map { strdup($0.1) }
        defer {
            keywords.forEach { free($0) }
            values.forEach { free($0) }
        }
        let keywordPointers = keywords.map { UnsafePointer($0) } + [nil]
        let valuePointers = values.map { UnsafePointer($0) } + [nil]
        let handle = PQconnectdbParams(keywordPointers, valuePointers, 0)
        guard let handle, PQstatus(handle) == CONNECTION_OK else {
            let message = handle.map { String(cString: PQerrorMessage($0)) } ?? "out of memory"
            PQfinish(handle)
            throw DatabaseError.connectionFailed(
                message: "\(options.redactedURL): \(message.trimmingTrailingWhitespace())")
        }
        conn = handle
        // Notices (e.g. "relation already exists, skipping") would go to stderr.
        PQsetNoticeProcessor(handle, { _, _ in }, nil)
    }

    deinit {
        close()
    }

    public var isInTransaction: Bool {
        guard let conn else { return false }
        let status = PQtransactionStatus(conn)
        return status == PQTRANS_INTRANS || status == PQTRANS_INERROR || status == PQTRANS_ACTIVE
    }

    /// The server process id serving this connection (`pg_backend_pid()`).
    public var backendPID: Int32 {
        conn.map { PQbackendPID($0) } ?? 0
    }

    public func query(_ statement: RenderedSQL) throws -> Rows {
        let (result, prepared) = try run(statement)
        defer { PQclear(result) }
        let rowCount = Int(PQntuples(result))
        let columnCount = Int(PQnfields(result))
        let columns: ColumnIndex
        if let known = prepared.columns, known.count == columnCount {
            columns = known
        } else {
            columns = ColumnIndex(names: (0..<columnCount).map { String(cString: PQfname(result, Int32($0))) })
            prepared.columns = columns
            prepared.columnTypes = (0..<columnCount).map { PQftype(result, Int32($0)) }
        }
        let types = prepared.columnTypes
        var values: [DatabaseValue] = []
        values.reserveCapacity(rowCount * columnCount)
        for row in 0..<Int32(rowCount) {
            for column in 0..<columnCount {
                values.append(readValue(result, row, Int32(column), types[column]))
            }
        }
        return Rows(columns: columns, storage: values)
    }

    @discardableResult
    public func execute(_ statement: RenderedSQL) throws -> Int {
        let (result, _) = try run(statement)
        defer { PQclear(result) }
        return Int(String(cString: PQcmdTuples(result))) ?? 0
    }

    public func executeScript(_ script: RenderedSQL) throws {
        try simple(script.text)
    }

    public func begin(_ mode: TransactionMode) throws {
        try simple(dialect.beginStatement(mode).description)
    }

    /// PostgreSQL answers COMMIT of a failed transaction with a silent rollback;
    /// that must not pass for success.
    public func commit() throws {
        if let conn, PQtransactionStatus(conn) == PQTRANS_INERROR {
            try simple("ROLLBACK")
            throw DatabaseError.statement(
                code: "25P02", message: "a statement of this transaction failed, so it was rolled back, not committed")
        }
        try simple("COMMIT")
    }

    public func rollback() throws {
        guard isInTransaction else { return }
        try simple("ROLLBACK")
    }

    public func createSavepoint(level: Int) throws {
        try simple("SAVEPOINT ferry_sp_\(level)")
    }

    public func releaseSavepoint(level: Int) throws {
        try simple("RELEASE SAVEPOINT ferry_sp_\(level)")
    }

    public func rollbackToSavepoint(level: Int) throws {
        try simple("ROLLBACK TO SAVEPOINT ferry_sp_\(level)")
    }

    /// An empty query: one round trip, no parsing, no planning.
    public func ping() -> Bool {
        guard let conn, !isBroken, PQstatus(conn) == CONNECTION_OK else { return false }
        let result = PQexec(conn, "")
        defer { PQclear(result) }
        let status = PQresultStatus(result)
        if status == PGRES_EMPTY_QUERY || status == PGRES_COMMAND_OK { return true }
        isBroken = true
        return false
    }

    public func close() {
        if let conn { PQfinish(conn) }
        conn = nil
        _ = cache.removeAll()
        isBroken = true
    }

    // MARK: - Running statements

    private func handle() throws -> OpaquePointer {
        guard let conn, !isBroken else {
            throw DatabaseError.connectionLost(message: "the PostgreSQL connection is closed")
        }
        return conn
    }

    /// Text from this module only: transaction control and migration scripts.
    private func simple(_ text: String) throws {
        let conn = try handle()
        let result = PQexec(conn, text)
        defer { PQclear(result) }
        let status = PQresultStatus(result)
        guard result != nil, status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY else {
            throw error(result)
        }
    }

    private func parameterType(_ value: DatabaseValue) -> Oid {
        switch value {
        case .null, .text: PostgresTypeOID.unknown
        case .integer: PostgresTypeOID.int8
        case .double: PostgresTypeOID.float8
        case .bool: PostgresTypeOID.bool
        case .blob: PostgresTypeOID.bytea
        case .timestamp: PostgresTypeOID.timestamptz
        case .numeric: PostgresTypeOID.numeric
        }
    }

    private func run(_ statement: RenderedSQL) throws -> (OpaquePointer, Prepared) {
        let conn = try handle()
        if !pendingDeallocations.isEmpty, PQtransactionStatus(conn) != PQTRANS_INERROR {
            for name in pendingDeallocations { PQclear(PQexec(conn, "DEALLOCATE \(name)")) }
            pendingDeallocations.removeAll()
        }
        let types = statement.bindings.map(parameterType)
        let prepared = try prepare(statement.text, types: types, conn)
        encodeParameters(statement.bindings)
        let count = Int32(types.count)
        let result: OpaquePointer? = parameterBytes.withUnsafeBufferPointer { buffer in
            let base = UnsafeRawPointer(buffer.baseAddress)
            var pointers: [UnsafePointer<CChar>?] = []
            pointers.reserveCapacity(types.count)
            for (value, offset) in zip(statement.bindings, parameterOffsets) {
                if case .null = value {
                    pointers.append(nil)
                } else {
                    pointers.append(base.map { ($0 + offset).assumingMemoryBound(to: CChar.self) })
                }
            }
            return PQexecPrepared(conn, prepared.name, count, pointers, parameterLengths, parameterFormats, 0)
        }
        let status = PQresultStatus(result)
        guard let result, status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK || status == PGRES_EMPTY_QUERY else {
            let failure = error(result)
            if diagnostic(result, "C") == "26000" {
                // Someone ran DEALLOCATE ALL / DISCARD ALL: forget the cache and let the caller retry.
                _ = cache.removeAll()
            }
            PQclear(result)
            throw failure
        }
        return (result, prepared)
    }

    private func prepare(_ text: String, types: [Oid], _ conn: OpaquePointer) throws -> Prepared {
        let primary = cache.lookup(text)
        if let primary, primary.parameterTypes == types { return primary }
        // The same text with other parameter types (a NULL where a value was) gets its own statement.
        let key = primary == nil ? text : text + "\u{0}" + types.map(String.init).joined(separator: ",")
        if key != text, let cached = cache.lookup(key) { return cached }
        statementCounter += 1
        let prepared = Prepared(name: "ferry_\(statementCounter)", parameterTypes: types)
        let result = PQprepare(conn, prepared.name, text, Int32(types.count), types.isEmpty ? nil : types)
        defer { PQclear(result) }
        guard result != nil, PQresultStatus(result) == PGRES_COMMAND_OK else { throw error(result) }
        if let evicted = cache.insert(prepared, for: key) {
            if PQtransactionStatus(conn) == PQTRANS_INERROR {
                pendingDeallocations.append(evicted.name)
            } else {
                PQclear(PQexec(conn, "DEALLOCATE \(evicted.name)"))
            }
        }
        return prepared
    }

    /// Writes every parameter's bytes, each followed by NUL, into `parameterBytes`.
    private func encodeParameters(_ values: [DatabaseValue]) {
        parameterBytes.removeAll(keepingCapacity: true)
        parameterOffsets.removeAll(keepingCapacity: true)
        parameterLengths.removeAll(keepingCapacity: true)
        parameterFormats.removeAll(keepingCapacity: true)
        for value in values {
            let start = parameterBytes.count
            switch value {
            case .null: break
            case .integer(let v): parameterBytes.append(contentsOf: String(v).utf8)
            case .double(let d): parameterBytes.append(contentsOf: Self.text(of: d).utf8)
            case .text(let s), .numeric(let s): parameterBytes.append(contentsOf: s.utf8)
            case .bool(let b): parameterBytes.append(b ? UInt8(ascii: "t") : UInt8(ascii: "f"))
            case .blob(let bytes): parameterBytes.append(contentsOf: bytes)
            case .timestamp(let us): parameterBytes.append(contentsOf: TimestampFormat.iso8601(microseconds: us).utf8)
            }
            parameterOffsets.append(start)
            parameterLengths.append(Int32(parameterBytes.count - start))
            if case .blob = value { parameterFormats.append(1) } else { parameterFormats.append(0) }
            parameterBytes.append(0)
        }
    }

    private static func text(of d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d < 0 ? "-Infinity" : "Infinity" }
        return String(d)
    }

    // MARK: - Reading values

    private func readValue(_ result: OpaquePointer, _ row: Int32, _ column: Int32, _ type: Oid) -> DatabaseValue {
        if PQgetisnull(result, row, column) != 0 { return .null }
        let pointer = PQgetvalue(result, row, column)!
        let length = Int(PQgetlength(result, row, column))
        let bytes = UnsafeRawBufferPointer(start: pointer, count: length).assumingMemoryBound(to: UInt8.self)
        switch type {
        case PostgresTypeOID.int8, PostgresTypeOID.int4, PostgresTypeOID.int2, PostgresTypeOID.oid:
            if let v = Self.parseInteger(bytes) { return .integer(v) }
        case PostgresTypeOID.bool:
            return .bool(length > 0 && bytes[0] == UInt8(ascii: "t"))
        case PostgresTypeOID.float8, PostgresTypeOID.float4:
            if let d = Double(String(decoding: bytes, as: UTF8.self)) { return .double(d) }
        case PostgresTypeOID.numeric:
            return .numeric(String(decoding: bytes, as: UTF8.self))
        case PostgresTypeOID.timestamptz, PostgresTypeOID.timestamp:
            if let us = TimestampFormat.parse(Array(bytes)) { return .timestamp(microseconds: us) }
        case PostgresTypeOID.bytea:
            if let blob = Self.parseHexBytea(bytes) { return .blob(blob) }
        default:
            break
        }
        return .text(String(decoding: bytes, as: UTF8.self))
    }

    private static func parseInteger(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        var i = 0
        var negative = false
        if bytes.first == UInt8(ascii: "-") {
            negative = true
            i = 1
        }
        guard i < bytes.count else { return nil }
        var v: Int64 = 0
        while i < bytes.count {
            let digit = bytes[i] &- 48
            guard digit < 10 else { return nil }
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (s, o2) = negative ? m.subtractingReportingOverflow(Int64(digit)) : m.addingReportingOverflow(Int64(digit))
            if o1 || o2 { return nil }
            v = s
            i += 1
        }
        return v
    }

    /// bytea in text format is `\x` followed by hex pairs (bytea_output = hex, the default).
    private static func parseHexBytea(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard bytes.count >= 2, bytes[0] == UInt8(ascii: "\\"), bytes[1] == UInt8(ascii: "x"), bytes.count % 2 == 0 else {
            return nil
        }
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case 48...57: c - 48
            case 97...102: c - 87
            case 65...70: c - 55
            default: nil
            }
        }
        var out = [UInt8]()
        out.reserveCapacity((bytes.count - 2) / 2)
        var i = 2
        while i < bytes.count {
            guard let high = nibble(bytes[i]), let low = nibble(bytes[i + 1]) else { return nil }
            out.append(high << 4 | low)
            i += 2
        }
        return out
    }

    // MARK: - Errors

    /// Maps a failed result (or a dead connection) to a typed error by SQLSTATE.
    private func error(_ result: OpaquePointer?) -> DatabaseError {
        let state = diagnostic(result, "C") ?? ""
        let message = diagnostic(result, "M")
            ?? conn.map { String(cString: PQerrorMessage($0)).trimmingTrailingWhitespace() }
            ?? "unknown error"
        let constraint = diagnostic(result, "n")
        if let conn, PQstatus(conn) != CONNECTION_OK {
            isBroken = true
            return .connectionLost(message: message)
        }
        switch state {
        case "23505": return .uniqueViolation(constraint: constraint, message: message)
        case "23503": return .foreignKeyViolation(constraint: constraint, message: message)
        case "23514": return .checkViolation(constraint: constraint, message: message)
        case "23502": return .notNullViolation(column: diagnostic(result, "c"), message: message)
        case "40001": return .serializationFailure(message: message)
        case "40P01": return .deadlock(message: message)
        case "57P01", "57P02", "57P03":
            isBroken = true
            return .connectionLost(message: message)
        case _ where state.hasPrefix("08"):
            isBroken = true
            return .connectionLost(message: message)
        case "":
            return .statement(code: "unknown", message: message)
        default:
            return .statement(code: state, message: message)
        }
    }
}
