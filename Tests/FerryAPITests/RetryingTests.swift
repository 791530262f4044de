import Database
@testable import FerryAPI
import FerryTesting
import HTTP
import Testing

@Suite struct RetryingTests {
    @Test func retryableFailuresRunTheTransactionAgain() throws {
        try withDatabase(.sqlite) { database in
            let session = database.makePool().makeSession()
            defer { session.close() }
            var attempts = 0
            let answer = try Retrying.transaction(session) { () throws -> String in
                attempts += 1
                _ = try session.fetchScalar("SELECT 1", as: Int.self)
                if attempts < 3 { throw DatabaseError.serializationFailure(message: "could not serialize access") }
                return "done"
            }
            #expect(answer == "done" && attempts == 3)
            #expect(session.isInTransaction, "the third attempt's transaction is the one left to commit")
        }
    }

    @Test func aFailureThatPersistsIsA503AndOthersPassThrough() throws {
        try withDatabase(.sqlite) { database in
            let session = database.makePool().makeSession()
            defer { session.close() }
            var attempts = 0
            #expect { try Retrying.transaction(session) { attempts += 1; throw DatabaseError.deadlock(message: "deadlock detected") } } throws: {
                ($0 as? HTTPError)?.status == .serviceUnavailable
            }
            #expect(attempts == 3)
            attempts = 0
            #expect(throws: HTTPError.self) { try Retrying.transaction(session) { attempts += 1; throw HTTPError.badRequest("no") } }
            #expect(attempts == 1, "a refusal is not retried")
        }
    }
}
