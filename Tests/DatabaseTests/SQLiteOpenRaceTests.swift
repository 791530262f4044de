import Database
import FerryTesting
import Foundation
import Testing

/// Worker processes starting together open a brand-new SQLite file at the same moment;
/// switching it to WAL must not fail any of them with "database is locked".
@Suite struct SQLiteOpenRaceTests {
    @Test func manyConnectionsOpenANewFileAtOnce() throws {
        for _ in 0..<5 {
            let database = try SQLiteTestDatabase()
            defer { database.remove() }
            let failures = Shared<[String]>([])
            let done = Shared(0)
            let start = Shared(false)
            let path = database.path
            for _ in 0..<16 {
                Thread {
                    while !start.value {}
                    do {
                        let connection = try SQLiteConnection(path: path)
                        _ = try connection.query("PRAGMA journal_mode")
                        connection.close()
                    } catch {
                        failures.update { $0.append("\(error)") }
                    }
                    done.update { $0 += 1 }
                }.start()
            }
            start.set(true)
            #expect(TestEnvironment.wait(seconds: 30) { done.value == 16 })
            #expect(failures.value.isEmpty, "\(failures.value.first ?? "")")
        }
    }
}
