#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import FerryAPI
import Testing

@Suite struct PasswordHasherTests {
    let hasher = PasswordHasher()

    @Test func roundTripAcceptsTheRightPasswordAndRefusesAWrongOne() throws {
        let encoded = try hasher.hash("correct horse battery staple")
        #expect(hasher.verify("correct horse battery staple", against: encoded))
        #expect(!hasher.verify("correct horse battery stapl", against: encoded))
        #expect(!hasher.verify("Correct horse battery staple", against: encoded))
        #expect(!hasher.verify("", against: encoded))
    }

    @Test func twoHashesOfOnePasswordDifferBySalt() throws {
        let first = try hasher.hash("same password")
        let second = try hasher.hash("same password")
        #expect(first != second)
        // Salt is the fifth field: 16 bytes are 22 base64 characters without padding.
        let salts = [first, second].map { $0.split(separator: "$", omittingEmptySubsequences: false)[4] }
        #expect(salts[0] != salts[1])
        #expect(salts.allSatisfy { $0.count == 22 })
        #expect(hasher.verify("same password", against: first) && hasher.verify("same password", against: second))
    }

    @Test func encodedStringIsStandardPHCWithTheChosenCosts() throws {
        let encoded = try hasher.hash("pw")
        #expect(encoded.hasPrefix("$argon2id$v=19$m=32768,t=2,p=1$"))
        let fields = encoded.split(separator: "$", omittingEmptySubsequences: false)
        #expect(fields.count == 6)
        #expect(fields[5].count == 43)  // 32-byte tag
        #expect(PasswordHashParameters.recommended.memoryKiB >= 19 * 1024)
        #expect(PasswordHashParameters.recommended.iterations >= 2)
        #expect(!hasher.needsRehash(encoded))
    }

    @Test func customParametersAreWrittenAndOtherCostsNeedRehash() throws {
        let light = PasswordHasher(parameters: PasswordHashParameters(memoryKiB: 1024, iterations: 1, parallelism: 1))
        let encoded = try light.hash("pw")
        #expect(encoded.hasPrefix("$argon2id$v=19$m=1024,t=1,p=1$"))
        #expect(light.verify("pw", against: encoded))
        // verify uses the stored costs, so the default hasher still accepts it but wants a rehash.
        #expect(hasher.verify("pw", against: encoded))
        #expect(hasher.needsRehash(encoded))
        #expect(!light.needsRehash(encoded))
        #expect(hasher.needsRehash("garbage"))
        #expect(hasher.needsRehash("$argon2i$v=19$m=32768,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g"))
    }

    @Test(arguments: [
        "",
        "not a hash",
        "$argon2id$",
        "$argon2id$v=19$m=32768,t=2,p=1$",
        "$argon2id$v=19$m=32768,t=2,p=1$!!!!$????",
        "$argon2id$v=19$m=32768,t=2$c29tZXNhbHQ$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "$argon2i$v=19$m=32768,t=2,p=1$c29tZXNhbHQ$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW",
        // Planted costs far beyond ours must not allocate 4 TiB.
        "$argon2id$v=19$m=4294967295,t=4294967295,p=1$c29tZXNhbHQ$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "$argon2id$v=19$m=32768,t=2,p=1$c29tZXNhbHQ\0$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    ])
    func malformedStoredHashIsFalseNotACrash(stored: String) {
        #expect(!hasher.verify("password", against: stored))
        #expect(hasher.needsRehash(stored))
    }

    @Test func truncatedRealHashIsFalse() throws {
        let encoded = try hasher.hash("password")
        #expect(!hasher.verify("password", against: String(encoded.dropLast(4))))
        #expect(!hasher.verify("password", against: encoded + "A"))
    }

    @Test func unicodePasswordsRoundTripByteForByte() throws {
        let password = "pässwörd 🔐 密码 пароль"
        let encoded = try hasher.hash(password)
        #expect(hasher.verify(password, against: encoded))
        #expect(!hasher.verify("passwörd 🔐 密码 пароль", against: encoded))
        // Composed "é" (U+00E9) and decomposed "e" + U+0301 are different bytes, hence different passwords.
        let composed = try hasher.hash("caf\u{E9}")
        #expect(hasher.verify("caf\u{E9}", against: composed))
        #expect(!hasher.verify("cafe\u{301}", against: composed))
    }

    @Test func passwordWithNULBytesUsesEveryByte() throws {
        let encoded = try hasher.hash("abc\0def")
        #expect(hasher.verify("abc\0def", against: encoded))
        #expect(!hasher.verify("abc", against: encoded))
    }

    @Test func dummyVerifyIsFalseAndTakesAsLongAsARealVerify() throws {
        let encoded = try hasher.hash("password")
        #expect(!hasher.verifyDummy("password"))
        #expect(!hasher.verifyDummy(""))
        let clock = ContinuousClock()
        var real = Duration.zero, dummy = Duration.zero
        for _ in 0..<3 {
            real += clock.measure { _ = hasher.verify("wrong", against: encoded) }
            dummy += clock.measure { hasher.verifyDummy("wrong") }
        }
        // Same costs, same work: the dummy must not be a fast path (generous bounds for a busy machine).
        #expect(dummy > real / 3)
        #expect(dummy < real * 3)
    }

    @Test func concurrentHashesAllVerify() async throws {
        let hasher = self.hasher
        let results = try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<8 {
                group.addTask {
                    let password = "password-\(index)"
                    let encoded = try hasher.hash(password)
                    return hasher.verify(password, against: encoded) && !hasher.verify("password-x", against: encoded)
                }
            }
            return try await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.count == 8 && results.allSatisfy { $0 })
    }
}
