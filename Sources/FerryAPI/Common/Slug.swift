// The standard library's canonical decomposition (`_nfd`, SPI) instead of Foundation's
// `decomposedStringWithCompatibilityMapping`: it keeps the full Foundation (and ICU) out
// of the server binary, which only needs FoundationEssentials.
@_spi(_Unicode) import Swift
import Database
import HTTP

/// Slugs (posts, tags, categories, products) as API.md defines them: lowercased, diacritics dropped
/// (`Café` -> `cafe`), ASCII letters and digits kept, every other run one `-`, none at
/// either end, the resource's name when nothing is left, `-2`, `-3`, ... on a clash.
enum Slug {
    static func derive(from text: String, fallback: String) -> String {
        // Canonical decomposition splits `é` into `e` + a combining accent; the marks are
        // then dropped. Fullwidth letters and the Latin ligatures get their compatibility
        // mapping by hand (`ｆ` -> `f`, `ﬁ` -> `fi`).
        var slug = ""
        var pendingDash = false
        for scalar in text.lowercased()._nfd.flatMap(compatibilityMapping) {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark: continue
            default: break
            }
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                if pendingDash && !slug.isEmpty { slug.append("-") }
                slug.unicodeScalars.append(scalar)
                pendingDash = false
            } else {
                pendingDash = true
            }
        }
        return slug.isEmpty ? fallback : slug
    }

    private static let ligatures: [Unicode.Scalar: String] = [
        "\u{FB00}": "ff", "\u{FB01}": "fi", "\u{FB02}": "fl", "\u{FB03}": "ffi", "\u{FB04}": "ffl",
        "\u{FB05}": "st", "\u{FB06}": "st", "\u{0133}": "ij", "\u{0153}": "oe", "\u{00E6}": "ae",
    ]

    private static func compatibilityMapping(_ scalar: Unicode.Scalar) -> [Unicode.Scalar] {
        if (0xFF01...0xFF5E).contains(scalar.value), let ascii = Unicode.Scalar(scalar.value - 0xFEE0) {
            return [ascii]
        }
        if let letters = ligatures[scalar] { return Array(letters.unicodeScalars) }
        return [scalar]
    }

    /// The first of `base`, `base-2`, `base-3`, ... not in `taken`.
    static func firstFree(_ base: String, taken: Set<String>) -> String {
        if !taken.contains(base) { return base }
        var suffix = 2
        while taken.contains("\(base)-\(suffix)") { suffix += 1 }
        return "\(base)-\(suffix)"
    }

    /// Whether `slug` is `base` or `base-N`: a title edit that keeps the base keeps the slug.
    static func belongs(_ slug: String, to base: String) -> Bool {
        guard slug != base else { return true }
        guard slug.hasPrefix(base + "-") else { return false }
        return Int(slug.dropFirst(base.count + 1)) != nil
    }

    /// `LIKE` pattern of the suffixed forms of `base`: a slug holds only `a-z`, `0-9` and
    /// `-`, so nothing in it needs escaping.
    static func suffixedPattern(_ base: String) -> String { base + "-%" }

    /// Runs `write` with the first free slug inside a savepoint. Another transaction may
    /// take the same slug between the look-up and the write (PostgreSQL; SQLite writers
    /// are serialised by `beginWriting`): the unique constraint refuses the second, and the
    /// look-up runs again and moves on to the next suffix.
    static func withFreeSlug<Result>(
        _ base: String, session: Session, taken: () throws -> [String], _ write: (String) throws -> Result
    ) throws -> Result {
        for _ in 0..<16 {
            let slug = firstFree(base, taken: Set(try taken()))
            do {
                return try session.savepoint { try write(slug) }
            } catch let error as DatabaseError where isSlugClash(error) {
                continue
            }
        }
        throw HTTPError.conflict("No free slug for '\(base)'; try again")
    }

    /// A unique violation of a `slug` constraint (`posts_slug_key` on PostgreSQL,
    /// `posts.slug` on SQLite, and likewise for the other tables).
    static func isSlugClash(_ error: DatabaseError) -> Bool {
        guard case .uniqueViolation = error else { return false }
        return error.constraintName?.contains("slug") ?? false
    }
}
