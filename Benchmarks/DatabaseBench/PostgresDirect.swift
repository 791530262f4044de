import CLibPQ
import Database
#if canImport(Glibc)
import Glibc
#endif

/// The same statements straight through libpq: prepared once, `PQexecPrepared` with text parameters.
final class PostgresDirect {
    private let connection: OpaquePointer?

    init(options: PostgresConnectionOptions) {
        let pairs: [(String, String?)] = [("host", options.host), ("port", options.port.map(String.init)), ("user", options.user),
                                          ("password", options.password), ("dbname", options.database)]
        let conninfo = pairs.compactMap { key, value in value.map { "\(key)='\($0)'" } }.joined(separator: " ")
        connection = PQconnectdb(conninfo)
        precondition(PQstatus(connection) == CONNECTION_OK, String(cString: PQerrorMessage(connection)))
    }

    deinit { PQfinish(connection) }

    func prepare(_ name: String, _ sql: String) {
        PQclear(PQprepare(connection, name, sql, 0, nil))
    }

    func run(_ name: String, _ parameters: [String]) -> Int {
        var cStrings = parameters.map { strdup($0) }
        defer { cStrings.forEach { free($0) } }
        let result = cStrings.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: buffer.count) {
                PQexecPrepared(connection, name, Int32(parameters.count), $0, nil, nil, 0)
            }
        }
        defer { PQclear(result) }
        var total = 0
        for row in 0..<PQntuples(result) {
            for column in 0..<PQnfields(result) { total += Int(PQgetlength(result, row, column)) }
        }
        return total
    }
}
