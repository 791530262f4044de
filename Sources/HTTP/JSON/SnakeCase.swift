/// Foundation's `JSONEncoder.KeyEncodingStrategy.convertToSnakeCase`, step for step, so keys
/// come out exactly as they did: words split where a lowercase letter is followed by an
/// uppercase one and before the last capital of a run of capitals, joined with `_`, lowercased.
/// `postCount` → `post_count`, `userID` → `user_id`, `myURLProperty` → `my_url_property`; the first
/// character never starts a word, so `URLValue` → `u_rl_value` (Foundation's answer, kept).
/// Uppercase means general category Lu or Lt and lowercase Ll, as Foundation's tables say; they
/// could only disagree on characters a Unicode version newer than one of them added.
/// `convert` is slow (String indices, `lowercased()`): `JSONKeyCache` runs it once per key.
/// `appendQuotedASCII` is the same algorithm on bytes, for the keys nearly every type has.
enum SnakeCase {
    /// Appends `"snake_case_key"` for a key of printable ASCII that needs no escaping, converted
    /// byte by byte as `convert` does (ASCII has one byte per character, and its case mapping is
    /// A-Z to a-z); answers false and appends nothing for any other key. Converting here costs
    /// less than a cache lookup (a lock and a String hash per key were a fifth of encoding time).
    static func appendQuotedASCII(_ key: String, to bytes: inout [UInt8]) -> Bool {
        let converted = key.utf8.withContiguousStorageIfAvailable { key -> Bool in
            guard key.allSatisfy(isPlainASCII) else { return false }
            // Written on the stack and appended at once: appending byte by byte checked the
            // array's uniqueness and capacity every time. Room for the quotes, the key, and at
            // most one `_` per byte of it.
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 2 * key.count + 2) { buffer in
                let count = writeQuotedConverted(key, into: buffer)
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<count]))
            }
            return true
        }
        return converted ?? false
    }

    /// `convert`'s loop with indices as byte offsets: its words partition the key, so the
    /// result is the key lowercased with `_` where each word after the first begins.
    private static func writeQuotedConverted(_ key: UnsafeBufferPointer<UInt8>, into output: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var written = 0
        func write(_ byte: UInt8) {
            output[written] = byte
            written += 1
        }
        var copied = 0
        func copyLowercased(upTo end: Int) {
            for byte in key[copied..<end] { write(isUppercase(byte) ? byte + 0x20 : byte) }
            copied = end
        }
        write(UInt8(ascii: "\""))
        var searchStart = 1
        while let upperCase = key[min(searchStart, key.count)...].firstIndex(where: isUppercase) {
            copyLowercased(upTo: upperCase)
            write(UInt8(ascii: "_"))
            guard let lowerCase = key[upperCase...].firstIndex(where: isLowercase) else { break }
            if lowerCase != upperCase + 1 {
                copyLowercased(upTo: lowerCase - 1)
                write(UInt8(ascii: "_"))
            }
            searchStart = lowerCase + 1
        }
        copyLowercased(upTo: key.count)
        write(UInt8(ascii: "\""))
        return written
    }

    /// Printable ASCII other than `"` and `\\`: written as it is in a JSON string. (Control
    /// characters must go the slow way anyway: `convert`'s Character indices step over CR LF as one.)
    private static func isPlainASCII(_ byte: UInt8) -> Bool {
        byte >= 0x20 && byte < 0x7F && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\")
    }

    private static func isUppercase(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") }
    private static func isLowercase(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") }

    static func convert(_ key: String) -> String {
        guard !key.isEmpty else { return key }
        var words: [Range<String.Index>] = []
        var wordStart = key.startIndex
        var searchRange = key.index(after: wordStart)..<key.endIndex

        while let upperCase = firstScalar(of: key, in: searchRange, where: isUppercase) {
            words.append(wordStart..<upperCase)
            searchRange = upperCase..<searchRange.upperBound
            guard let lowerCase = firstScalar(of: key, in: searchRange, where: isLowercase) else {
                // No lowercase letter follows: the rest is one word.
                wordStart = searchRange.lowerBound
                break
            }
            if lowerCase == key.index(after: upperCase) {
                // A capital followed by a lowercase letter starts a word.
                wordStart = upperCase
            } else {
                // A run of capitals is a word of its own, up to the capital before the lowercase letter.
                let beforeLowerCase = key.index(before: lowerCase)
                words.append(upperCase..<beforeLowerCase)
                wordStart = beforeLowerCase
            }
            searchRange = key.unicodeScalars.index(after: lowerCase)..<searchRange.upperBound
        }
        words.append(wordStart..<searchRange.upperBound)
        return words.map { key[$0].lowercased() }.joined(separator: "_")
    }

    private static func firstScalar(
        of key: String, in range: Range<String.Index>, where matches: (Unicode.Scalar) -> Bool
    ) -> String.Index? {
        let scalars = key.unicodeScalars[range]
        return scalars.indices.first { matches(scalars[$0]) }
    }

    private static func isUppercase(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(UInt8(scalar.value)) }
        let category = scalar.properties.generalCategory
        return category == .uppercaseLetter || category == .titlecaseLetter
    }

    private static func isLowercase(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(UInt8(scalar.value)) }
        return scalar.properties.generalCategory == .lowercaseLetter
    }
}
