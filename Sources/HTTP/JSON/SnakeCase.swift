/// Foundation's `JSONEncoder.KeyEncodingStrategy.convertToSnakeCase`, step for step, so keys
/// come out exactly as they did: words split where a lowercase letter is followed by an
/// uppercase one and before the last capital of a run of capitals, joined with `_`, lowercased.
/// `postCount` → `post_count`, `userID` → `user_id`, `myURLProperty` → `my_url_property`; the first
/// character never starts a word, so `URLValue` → `u_rl_value` (Foundation's answer, kept).
/// Uppercase means general category Lu or Lt and lowercase Ll, as Foundation's tables say; they
/// could only disagree on characters a Unicode version newer than one of them added.
/// Slow (String indices, `lowercased()`): `JSONKeyCache` runs it once per key.
enum SnakeCase {
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
