import CArgon2

/// argon2id password hashing with libargon2, the reference implementation.
///
/// Stored hashes are standard PHC strings (`$argon2id$v=19$m=32768,t=2,p=1$<salt>$<hash>`) with a
/// random 16-byte salt and a 32-byte tag. A value type with only immutable state, and libargon2's
/// calls are reentrant (each allocates its own memory), so one hasher can serve every worker thread.
///
/// Passwords are hashed as their UTF-8 bytes, unnormalised.
public struct PasswordHasher: Sendable {
    public let parameters: PasswordHashParameters

    static let saltLength = 16
    static let hashLength = 32

    /// Refuse to run a stored string whose costs are far beyond anything we write: a corrupt or
    /// planted row must not make one login allocate gigabytes or spin for minutes.
    static let maximumMemoryKiB: UInt32 = 1024 * 1024
    static let maximumIterations: UInt32 = 64
    static let maximumParallelism: UInt32 = 16

    /// A well-formed hash with our parameters whose tag matches no password (all zeros), so
    /// `verifyDummy` does the full argon2id work of a real `verify` and then fails.
    let dummyHash: String

    public init(parameters: PasswordHashParameters = .recommended) {
        self.parameters = parameters
        // Salt "dummy-salt-ferry" and 32 zero bytes, base64 without padding as libargon2 writes it.
        dummyHash = "$argon2id$v=19$\(parameters)$ZHVtbXktc2FsdC1mZXJyeQ$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
    }

    /// A new PHC string for `password` with a fresh salt.
    public func hash(_ password: String) throws(PasswordHashError) -> String {
        guard let salt = SecureRandom.bytes(Self.saltLength) else { throw .randomSourceFailed }
        let capacity = argon2_encodedlen(parameters.iterations, parameters.memoryKiB, parameters.parallelism,
                                         UInt32(Self.saltLength), UInt32(Self.hashLength), Argon2_id)
        var encoded = [CChar](repeating: 0, count: capacity)
        var password = Array(password.utf8)
        defer { wipe(&password) }
        let code = password.withUnsafeBytes { passwordBytes in
            salt.withUnsafeBytes { saltBytes in
                encoded.withUnsafeMutableBufferPointer { output in
                    argon2id_hash_encoded(parameters.iterations, parameters.memoryKiB, parameters.parallelism,
                                          passwordBytes.baseAddress, passwordBytes.count,
                                          saltBytes.baseAddress, saltBytes.count, Self.hashLength,
                                          output.baseAddress, output.count)
                }
            }
        }
        guard code == ARGON2_OK.rawValue else {
            throw .argon2(code: code, message: String(cString: argon2_error_message(code)))
        }
        return String(decoding: encoded.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Whether `password` matches the stored PHC string. libargon2 compares the tags in constant
    /// time. A malformed, foreign (argon2i, bcrypt...) or absurdly expensive stored string is
    /// simply false.
    public func verify(_ password: String, against encoded: String) -> Bool {
        guard let phc = PHCString(encoded),
              phc.parameters.memoryKiB <= Self.maximumMemoryKiB,
              phc.parameters.iterations <= Self.maximumIterations,
              phc.parameters.parallelism <= Self.maximumParallelism,
              !encoded.utf8.contains(0)
        else { return false }
        var password = Array(password.utf8)
        defer { wipe(&password) }
        let code = password.withUnsafeBytes { passwordBytes in
            encoded.withCString { encodedPointer in
                argon2id_verify(encodedPointer, passwordBytes.baseAddress, passwordBytes.count)
            }
        }
        return code == ARGON2_OK.rawValue
    }

    /// Spends the time of one `verify` and returns false: call it when the username is unknown,
    /// so response times do not reveal which usernames exist.
    @discardableResult
    public func verifyDummy(_ password: String) -> Bool {
        _ = verify(password, against: dummyHash)
        return false
    }

    /// True when `encoded` was not made with this hasher's algorithm, version and costs (or
    /// cannot be read): after a successful login, store a fresh `hash` of the password.
    public func needsRehash(_ encoded: String) -> Bool {
        guard let phc = PHCString(encoded) else { return true }
        return phc.version != UInt32(ARGON2_VERSION_13.rawValue) || phc.parameters != parameters
    }

    /// Best-effort: do not leave the plaintext in a heap buffer we own once we are done.
    private func wipe(_ bytes: inout [UInt8]) {
        bytes.withUnsafeMutableBytes { buffer in
            for index in buffer.indices { buffer[index] = 0 }
        }
    }
}
