import Dispatch

/// Hashing many passwords (a bulk create) on every core: each hash takes tens of
/// milliseconds by design, so a thousand in a row would take a minute.
enum PasswordHashing {
    static func hashAll(_ passwords: [String], with hasher: PasswordHasher) throws -> [String] {
        let results = UnsafeMutableBufferPointer<Result<String, PasswordHashError>?>.allocate(capacity: passwords.count)
        defer { results.deallocate() }
        results.initialize(repeating: nil)
        nonisolated(unsafe) let slots = results  // each iteration writes its own slot only
        DispatchQueue.concurrentPerform(iterations: passwords.count) { index in
            slots[index] = Result { () throws(PasswordHashError) -> String in try hasher.hash(passwords[index]) }
        }
        return try results.map { try $0!.get() }
    }
}
