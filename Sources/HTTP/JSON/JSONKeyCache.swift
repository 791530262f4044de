import Synchronization

/// Object keys converted to snake_case and quoted, ready to copy into the output: converting
/// is the slow part of a key (6% of a worker's samples under Foundation), and a program has
/// few distinct keys. Shared by every thread that encodes, behind a lock held for one lookup.
/// Only keys `SnakeCase.appendQuotedASCII` cannot convert directly (non-ASCII, escaped) get here.
enum JSONKeyCache {
    private static let snakeCaseKeys = Mutex<[String: [UInt8]]>([:])
    /// Keys of dictionaries that are not keyed by String (`[Int: T]`, enums) come from data and
    /// could be unbounded: past this many entries new keys are converted every time instead.
    private static let capacity = 4096

    /// Appends `"snake_case_key"` for `key`.
    static func appendSnakeCaseKey(_ key: String, to bytes: inout [UInt8]) {
        if SnakeCase.appendQuotedASCII(key, to: &bytes) { return }
        let found = snakeCaseKeys.withLock { keys in
            guard let quoted = keys[key] else { return false }
            bytes.append(contentsOf: quoted)
            return true
        }
        if found { return }
        var quoted: [UInt8] = []
        JSONStringEscaping.appendQuoted(SnakeCase.convert(key), to: &quoted)
        bytes.append(contentsOf: quoted)
        snakeCaseKeys.withLock { keys in
            if keys.count < capacity { keys[key] = quoted }
        }
    }
}
