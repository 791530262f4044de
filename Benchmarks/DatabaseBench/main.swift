// Statements per second through `Session` beside the same statement through the C
// library directly, in the same run, on SQLite and PostgreSQL (issue 3's overhead).
//   swift run -c release ferry-bench [iterations]
// PostgreSQL: FERRY_TEST_POSTGRES_URL's server, else a private throwaway one.
import Database
import FerryTesting
import Foundation

let iterations = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 20_000
let rowCount = 10_000

struct Item: Decodable {
    let id: Int64
    let name: String
    let value: Int64
}

let createSQLite: SQL = "CREATE TABLE items (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, value BIGINT NOT NULL)"
let createPostgres: SQL = "CREATE TABLE items (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name TEXT NOT NULL, value BIGINT NOT NULL)"

/// Creates and fills the table through a session.
func seed(_ pool: ConnectionPool, _ create: SQL) throws {
    let session = pool.makeSession()
    defer { session.close() }
    _ = try session.execute(create)
    for index in 0..<rowCount { _ = try session.execute("INSERT INTO items (name, value) VALUES (\("item \(index)"), \(Int64(index)))") }
    try session.commit()
}

/// Statements per second through sessions in `mode`: inside one open transaction, and one
/// whole session (checkout, BEGIN, statement, COMMIT, check-in) per statement.
func sessionFigures(_ pool: ConnectionPool, select: Bool, mode: TransactionMode) throws -> (inTransaction: Double, perStatement: Double) {
    let count = select ? iterations : iterations / 4
    func run(_ session: Session, _ index: Int) throws {
        if select {
            _ = try session.fetchOne("SELECT id, name, value FROM items WHERE id = \(Int64(index % rowCount + 1))", as: Item.self)
        } else {
            _ = try session.execute("INSERT INTO items (name, value) VALUES (\("new \(index)"), \(Int64(index)))")
        }
    }
    let session = pool.makeSession(mode: mode)
    session.recordsStatements = false
    let inTransaction = try measure(iterations: count) { try run(session, $0) }
    try session.commit()
    session.close()
    let perStatement = try measure(iterations: count) { index in
        let session = pool.makeSession(mode: mode)
        defer { session.close() }
        try run(session, index)
        try session.commit()
    }
    return (inTransaction, perStatement)
}

/// The direct figures: inside one transaction, and in autocommit (one implicit transaction each).
func directFigures(count: Int, begin: () -> Void, commit: () -> Void, _ body: (Int) -> Void) -> (inTransaction: Double, autocommit: Double) {
    begin()
    let inTransaction = measure(iterations: count, body)
    commit()
    return (inTransaction, measure(iterations: count, body))
}

/// Both statements on one database: seeds it, then measures direct and through sessions.
/// `prepareDirect` runs once the table exists and answers a function that runs a named
/// statement ("begin", "commit", "select", "insert") with an index.
func benchmark(_ name: String, pool: ConnectionPool, create: SQL,
               prepareDirect: () -> (String, Int) -> Void) throws -> [BenchmarkRow] {
    try seed(pool, create)
    let direct = prepareDirect()
    let begin = { direct("begin", 0) }, commit = { direct("commit", 0) }
    let directSelect = directFigures(count: iterations, begin: begin, commit: commit) { direct("select", $0) }
    let directInsert = directFigures(count: iterations / 4, begin: begin, commit: commit) { direct("insert", $0) }
    // Reads in read-only sessions, as GET requests run; the read-write row shows what that saves.
    let sessionSelect = try sessionFigures(pool, select: true, mode: .readOnly)
    let sessionSelectReadWrite = try sessionFigures(pool, select: true, mode: .deferred)
    let sessionInsert = try sessionFigures(pool, select: false, mode: .deferred)
    pool.close()
    return [
        BenchmarkRow(database: name, statement: "primary-key SELECT",
                     directInTransaction: directSelect.inTransaction, sessionInTransaction: sessionSelect.inTransaction,
                     directAutocommit: directSelect.autocommit, sessionPerStatement: sessionSelect.perStatement),
        BenchmarkRow(database: name, statement: "primary-key SELECT, read-write session",
                     directInTransaction: directSelect.inTransaction, sessionInTransaction: sessionSelectReadWrite.inTransaction,
                     directAutocommit: directSelect.autocommit, sessionPerStatement: sessionSelectReadWrite.perStatement),
        BenchmarkRow(database: name, statement: "single-row INSERT",
                     directInTransaction: directInsert.inTransaction, sessionInTransaction: sessionInsert.inTransaction,
                     directAutocommit: directInsert.autocommit, sessionPerStatement: sessionInsert.perStatement),
    ]
}

var rows: [BenchmarkRow] = []

// SQLite: a temporary file in WAL mode.
let sqliteFile = try SQLiteTestDatabase()
do {
    rows += try benchmark("SQLite (WAL)", pool: ConnectionPool(url: sqliteFile.url, options: PoolOptions(size: 1, maxOverflow: 0)),
                          create: createSQLite) {
        let direct = SQLiteDirect(path: sqliteFile.path)
        let select = direct.prepare("SELECT id, name, value FROM items WHERE id = ?")
        let insert = direct.prepare("INSERT INTO items (name, value) VALUES (?, ?)")
        return { statement, index in
            switch statement {
            case "select": _ = direct.selectByID(select, id: Int64(index % rowCount + 1))
            case "insert": direct.insert(insert, name: "direct \(index)", value: Int64(index))
            default: direct.execute(statement.uppercased())
            }
        }
    }
}
sqliteFile.remove()

// PostgreSQL: a database of its own on the test server.
let postgres = try PostgresServer.shared().createDatabase()
do {
    let direct = PostgresDirect(options: postgres.options)
    rows += try benchmark("PostgreSQL 15", pool: ConnectionPool(url: postgres.url, options: PoolOptions(size: 1, maxOverflow: 0)),
                          create: createPostgres) {
        direct.prepare("select", "SELECT id, name, value FROM items WHERE id = $1")
        direct.prepare("insert", "INSERT INTO items (name, value) VALUES ($1, $2)")
        direct.prepare("begin", "BEGIN")
        direct.prepare("commit", "COMMIT")
        return { statement, index in
            switch statement {
            case "select": _ = direct.run("select", [String(index % rowCount + 1)])
            case "insert": _ = direct.run("insert", ["direct \(index)", String(index)])
            default: _ = direct.run(statement, [])
            }
        }
    }
}
try postgres.drop()

print("statements per second, \(iterations) iterations (inserts: \(iterations / 4)), one thread, \(Date())\n")
print(BenchmarkRow.header)
for row in rows { print(row.line) }
