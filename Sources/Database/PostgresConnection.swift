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
/// (`ferry_1`, ...) and then run by name; values always travel as parameters.
/// Parameters are sent as text with a type OID (bytea as binary), except strings,
/// which are sent untyped so the server infers the column's type (varchar, jsonb, an
/// enum...). Results come back as text, parsed per column type.
///
/// Round trips are what a request pays for, so a statement goes out as one libpq
/// pipeline: the transaction's BEGIN when it has not been sent yet, the PREPARE when
/// the statement is new to this connection, then the statement, and one sync point.
/// A read-only unit of work (`TransactionMode.readOnly`, GET and HEAD requests) sends no
/// BEGIN or COMMIT at all: at READ COMMITTED, the isolation level Ferry connects with, every
/// statement takes its own snapshot even inside a transaction, so the transaction would cost
/// two statements of server work and give no consistency. Writes stay impossible: while it
/// serves read-only work the connection's default is `READ ONLY` (set once, in the same round
/// trip as a statement), and every other transaction begins `READ WRITE` explicitly. A
/// read-only unit that takes a savepoint becomes a real `BEGIN READ ONLY` transaction, whose
/// COMMIT or ROLLBACK is sent without waiting and read by `settle()` before the next use.
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
    public private(set) var roundTrips = 0
    private var conn: OpaquePointer?
    private var cache: StatementCache<Prepared>
    private var statementCounter = 0
    /// Statements evicted from the cache, deallocated before the next statement (not
    /// while the transaction has failed, where DEALLOCATE would fail too).
    private var pendingDeallocations: [String] = []
    /// A transaction begun but not sent yet: its BEGIN travels with the first statement.
    private var pendingBegin: TransactionMode?
    /// The current (or last) transaction began READ ONLY.
    private var isReadOnlyTransaction = false
    /// Read-only work running in autocommit (see the type's comment).
    private var isReadOnlyAutocommit = false
    /// The session default is READ ONLY (or will be once `pendingSetting` is sent).
    private var defaultsToReadOnly = false
    /// The session default the server has now.
    private var serverDefaultsToReadOnly = false
    /// A session setting to send ahead of the next statement, in the same round trip.
    private var pendingSetting: String?
    /// A read-only transaction's end was sent and its answer is still unread.
    private var transactionEndInFlight = false
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
        if pendingBegin != nil || isReadOnlyAutocommit { return true }
        // While its end is in flight the transaction is over for us: the server ends it
        // when the COMMIT or ROLLBACK arrives (or rolls it back if the connection drops).
        guard let conn, !transactionEndInFlight else { return false }
        let status = PQtransactionStatus(conn)
        return status == PQTRANS_INTRANS || status == PQTRANS_INERROR
    }

    /// The server process id serving this connection (`pg_backend_pid()`).
    public var backendPID: Int32 {
        conn.map { PQbackendPID($0) } ?? 0
    }

    public func query(_ statement: RenderedSQL) throws -> Rows {
        let (result, prepared) = try run(statement)
        defer { PQclear(result) }
        return rows(of: result, prepared)
    }

    public func queryPipeline(_ statements: [RenderedSQL]) throws -> [Result<Rows, DatabaseError>] {
        var outcomes: [Result<Rows, DatabaseError>] = []
        outcomes.reserveCapacity(statements.count)
        try pipeline(statements) { outcome in
            outcomes.append(outcome.map { result, prepared in
                defer { PQclear(result) }
                return rows(of: result, prepared)
            })
        }
        return outcomes
    }

    private func rows(of result: OpaquePointer, _ prepared: Prepared) -> Rows {
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

    /// Sends nothing: the BEGIN (or, for read-only work, the READ ONLY default) goes out
    /// with the first statement.
    public func begin(_ mode: TransactionMode) throws {
        _ = try handle()
        guard !isInTransaction else { return }
        if mode == .readOnly {
            isReadOnlyAutocommit = true
            if !defaultsToReadOnly { setDefault(readOnly: true) }
            return
        }
        pendingBegin = mode
        isReadOnlyTransaction = false
    }

    private func setDefault(readOnly: Bool) {
        defaultsToReadOnly = readOnly
        pendingSetting = readOnly == serverDefaultsToReadOnly
            ? nil : "SET SESSION CHARACTERISTICS AS TRANSACTION \(readOnly ? "READ ONLY" : "READ WRITE")"
    }

    /// Before a statement outside any transaction: such work (a health check, a test's
    /// setup) must not inherit the READ ONLY default of earlier read-only work.
    private func restoreReadWriteOutsideTransactions() {
        if defaultsToReadOnly, !isInTransaction { setDefault(readOnly: false) }
    }

    /// PostgreSQL answers COMMIT of a failed transaction with a silent rollback;
    /// that must not pass for success.
    public func commit() throws {
        if isReadOnlyAutocommit { isReadOnlyAutocommit = false; return }
        guard beganOnTheServer() else { return }
        if PQtransactionStatus(try handle()) == PQTRANS_INERROR {
            try end("ROLLBACK")
            throw DatabaseError.statement(
                code: "25P02", message: "a statement of this transaction failed, so it was rolled back, not committed")
        }
        try end("COMMIT")
    }

    public func rollback() throws {
        if isReadOnlyAutocommit { isReadOnlyAutocommit = false; return }
        guard beganOnTheServer() else { return }
        try end("ROLLBACK")
    }

    public func createSavepoint(level: Int) throws {
        if isReadOnlyAutocommit {
            // Savepoints need a transaction block: read-only work becomes one here. Its
            // BEGIN READ ONLY says it all, so a READ ONLY default not sent yet is dropped.
            isReadOnlyAutocommit = false
            setDefault(readOnly: serverDefaultsToReadOnly)
            pendingBegin = .readOnly
            isReadOnlyTransaction = true
        }
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
        guard let conn = try? handle(), PQstatus(conn) == CONNECTION_OK else { return false }
        let result = exec(conn, "")
        defer { PQclear(result) }
        let status = PQresultStatus(result)
        if status == PGRES_EMPTY_QUERY || status == PGRES_COMMAND_OK { return true }
        isBroken = true
        return false
    }

    /// Reads the answer to a read-only transaction's end. It was sent when the last
    /// session ended, so it has normally arrived and this does not wait.
    public func settle() -> Bool {
        guard let conn, !isBroken else { return false }
        guard transactionEndInFlight else { return true }
        transactionEndInFlight = false
        var succeeded = true
        while let result = PQgetResult(conn) {
            if PQresultStatus(result) != PGRES_COMMAND_OK { succeeded = false }
            PQclear(result)
        }
        // Anything unexpected leaves the transaction in doubt: discard the connection.
        if !succeeded || PQstatus(conn) != CONNECTION_OK || PQtransactionStatus(conn) != PQTRANS_IDLE {
            isBroken = true
        }
        return !isBroken
    }

    public func close() {
        if let conn { PQfinish(conn) }
        conn = nil
        _ = cache.removeAll()
        pendingBegin = nil
        isReadOnlyAutocommit = false
        defaultsToReadOnly = false
        serverDefaultsToReadOnly = false
        pendingSetting = nil
        transactionEndInFlight = false
        isBroken = true
    }

    // MARK: - Running statements

    /// The libpq handle, with any transaction end in flight read first.
    private func handle() throws -> OpaquePointer {
        guard settle(), let conn else {
            throw DatabaseError.connectionLost(message: "the PostgreSQL connection is closed")
        }
        return conn
    }

    /// A simple query, counted as a round trip.
    private func exec(_ conn: OpaquePointer, _ text: String) -> OpaquePointer? {
        roundTrips += 1
        return PQexec(conn, text)
    }

    /// Whether a transaction must be ended on the server: one whose BEGIN was never
    /// sent is dropped here without a round trip.
    private func beganOnTheServer() -> Bool {
        if pendingBegin != nil {
            pendingBegin = nil
            return false
        }
        return isInTransaction
    }

    /// Ends the transaction. A read-only one's end is sent without waiting: nothing was
    /// written, so the answer cannot change the outcome, and `settle()` reads it before
    /// the connection is used again. If it cannot even be sent, the connection is dead
    /// and the server rolls back on its own.
    private func end(_ command: String) throws {
        guard isReadOnlyTransaction else { return try simple(command) }
        let conn = try handle()
        if PQsendQuery(conn, command) == 1, PQflush(conn) == 0 {
            transactionEndInFlight = true
        } else {
            isBroken = true
        }
    }

    /// Text from this module only: transaction control and migration scripts. A pending
    /// BEGIN goes first in the same simple query (one round trip).
    private func simple(_ text: String) throws {
        let conn = try handle()
        restoreReadWriteOutsideTransactions()
        if let setting = pendingSetting {
            // On its own: a session default applies from the next (implicit) transaction on.
            pendingSetting = nil
            serverDefaultsToReadOnly = defaultsToReadOnly
            let result = exec(conn, setting)
            defer { PQclear(result) }
            guard PQresultStatus(result) == PGRES_COMMAND_OK else { throw error(result) }
        }
        let sent = pendingBegin.map { "\(dialect.beginStatement($0)); \(text)" } ?? text
        pendingBegin = nil
        let result = exec(conn, sent)
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

    /// Runs a statement in one round trip (see `pipeline`); its result, which the caller clears.
    private func run(_ statement: RenderedSQL) throws -> (OpaquePointer, Prepared) {
        var outcome: Result<(OpaquePointer, Prepared), DatabaseError>?
        try pipeline(CollectionOfOne(statement)) { outcome = $0 }
        return try outcome!.get()
    }

    /// One statement of a pipeline: its prepared statement, the steps of its PREPARE (when
    /// new, with the key to cache it under) and of its EXECUTE.
    private struct PipelineStep {
        let prepared: Prepared
        let newKey: String?
        let prepareStep: Int?
        let executeStep: Int
    }

    /// Runs statements in one round trip: a pipeline of [BEGIN], then [PREPARE] EXECUTE
    /// for each, and a sync point. Outside a transaction block they form one implicit
    /// transaction. An error aborts the rest of the pipeline (those statements answer the
    /// same error), and inside the transaction leaves it failed, as a failed statement
    /// always does. `deliver` gets each statement's outcome in order; a result handed to
    /// it is its to clear.
    private func pipeline(
        _ statements: some Collection<RenderedSQL>, deliver: (Result<(OpaquePointer, Prepared), DatabaseError>) -> Void
    ) throws {
        let conn = try handle()
        if !pendingDeallocations.isEmpty, PQtransactionStatus(conn) != PQTRANS_INERROR {
            for name in pendingDeallocations { PQclear(exec(conn, "DEALLOCATE \(name)")) }
            pendingDeallocations.removeAll()
        }
        restoreReadWriteOutsideTransactions()
        guard PQenterPipelineMode(conn) == 1 else { throw error(nil) }
        var steps = 0
        var sent = true
        // A session default applies from the next implicit transaction on, so the setting
        // gets a sync point of its own (still the same round trip: nothing is read between).
        let setting = pendingSetting
        if let setting {
            pendingSetting = nil
            serverDefaultsToReadOnly = defaultsToReadOnly
            sent = PQsendQueryParams(conn, setting, 0, nil, nil, nil, nil, 0) == 1 && PQpipelineSync(conn) == 1
        }
        if sent, let mode = pendingBegin {
            pendingBegin = nil
            sent = PQsendQueryParams(conn, dialect.beginStatement(mode).description, 0, nil, nil, nil, nil, 0) == 1
            steps += 1
        }
        var planned: [PipelineStep] = []
        planned.reserveCapacity(statements.count)
        for statement in statements where sent {
            let types = statement.bindings.map(parameterType)
            var (prepared, newKey) = preparedStatement(statement.text, types: types)
            // A new statement twice in one pipeline is prepared once.
            if let key = newKey, let earlier = planned.first(where: { $0.newKey == key }) {
                (prepared, newKey) = (earlier.prepared, nil)
            }
            let prepareStep = newKey == nil ? nil : steps
            if newKey != nil {
                sent = PQsendPrepare(conn, prepared.name, statement.text, Int32(types.count), types.isEmpty ? nil : types) == 1
                steps += 1
            }
            encodeParameters(statement.bindings)
            sent = sent && sendExecute(conn, prepared, statement.bindings) == 1
            planned.append(PipelineStep(prepared: prepared, newKey: newKey, prepareStep: prepareStep, executeStep: steps))
            steps += 1
        }
        roundTrips += 1
        guard sent, PQpipelineSync(conn) == 1 else {
            // A half-sent pipeline cannot be resumed: give the connection up.
            let failure = error(nil)
            isBroken = true
            throw failure
        }
        if let setting {
            let (answer, settled) = readPipeline(conn, steps: 1)
            defer { answer.forEach { PQclear($0) } }
            guard settled, Self.succeeded(answer[0]) else {
                isBroken = true
                throw DatabaseError.connectionLost(message: "\(setting) failed: \(String(cString: PQerrorMessage(conn)))")
            }
        }
        var (results, synced) = readPipeline(conn, steps: steps)
        let failure = results.firstIndex { !Self.succeeded($0) }
        defer { for case let result? in results { PQclear(result) } }
        guard synced, PQexitPipelineMode(conn) == 1 else {
            isBroken = true
            throw DatabaseError.connectionLost(message: failure.flatMap { diagnostic(results[$0], "M") }
                ?? String(cString: PQerrorMessage(conn)).trimmingTrailingWhitespace())
        }
        for step in planned {
            if let prepareStep = step.prepareStep, let newKey = step.newKey, Self.succeeded(results[prepareStep]),
               let evicted = cache.insert(step.prepared, for: newKey) {
                pendingDeallocations.append(evicted.name)
            }
        }
        let stopped = failure.map { error(results[$0]) }
        if let failure, diagnostic(results[failure], "C") == "26000" {
            // Someone ran DEALLOCATE ALL / DISCARD ALL: forget the cache and let the caller retry.
            _ = cache.removeAll()
        }
        for step in planned {
            if let stopped, step.executeStep >= failure! {
                deliver(.failure(stopped))
            } else {
                deliver(.success((results[step.executeStep]!, step.prepared)))
                results[step.executeStep] = nil  // handed out
            }
        }
    }

    /// The statement for this text and these parameter types, and the cache key to store
    /// it under once prepared when it is new (nil when cached).
    private func preparedStatement(_ text: String, types: [Oid]) -> (Prepared, newKey: String?) {
        let primary = cache.lookup(text)
        if let primary, primary.parameterTypes == types { return (primary, nil) }
        // The same text with other parameter types (a NULL where a value was) gets its own statement.
        let key = primary == nil ? text : text + "\u{0}" + types.map(String.init).joined(separator: ",")
        if key != text, let cached = cache.lookup(key) { return (cached, nil) }
        statementCounter += 1
        return (Prepared(name: "ferry_\(statementCounter)", parameterTypes: types), key)
    }

    /// Queues the prepared statement with the parameters `encodeParameters` wrote.
    private func sendExecute(_ conn: OpaquePointer, _ prepared: Prepared, _ bindings: [DatabaseValue]) -> Int32 {
        parameterBytes.withUnsafeBufferPointer { buffer in
            let base = UnsafeRawPointer(buffer.baseAddress)
            var pointers: [UnsafePointer<CChar>?] = []
            pointers.reserveCapacity(bindings.count)
            for (value, offset) in zip(bindings, parameterOffsets) {
                if case .null = value {
                    pointers.append(nil)
                } else {
                    pointers.append(base.map { ($0 + offset).assumingMemoryBound(to: CChar.self) })
                }
            }
            return PQsendQueryPrepared(conn, prepared.name, Int32(bindings.count), pointers, parameterLengths, parameterFormats, 0)
        }
    }

    /// Reads a pipeline's answers up to its sync point: the result of each step, in order
    /// (nil where none came), and whether the sync point was reached. After an error the
    /// later steps answer PGRES_PIPELINE_ABORTED. Stops early if the connection dies.
    private func readPipeline(_ conn: OpaquePointer, steps: Int) -> (results: [OpaquePointer?], synced: Bool) {
        var results = [OpaquePointer?](repeating: nil, count: steps)
        var step = 0
        while true {
            let result = PQgetResult(conn)
            if let result, PQresultStatus(result) == PGRES_PIPELINE_SYNC {
                PQclear(result)
                return (results, true)
            }
            if let result {
                // A step answers one result, then nil.
                if step < steps, results[step] == nil { results[step] = result } else { PQclear(result) }
            } else {
                step += 1
            }
            if PQstatus(conn) != CONNECTION_OK || step > steps { return (results, false) }
        }
    }

    private static func succeeded(_ result: OpaquePointer?) -> Bool {
        guard let result else { return false }
        let status = PQresultStatus(result)
        return status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK || status == PGRES_EMPTY_QUERY
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
            if let us = TimestampFormat.parse(bytes) { return .timestamp(microseconds: us) }
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
        case "25006": return .readOnlyTransaction(message: message)
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
