import Database
import Foundation

/// URL slugs as API.md defines them: lowercased, diacritics dropped (`Café` -> `cafe`),
/// ASCII letters and digits kept, every other run of characters one `-`, no `-` at
/// either end; empty becomes the resource's name; clashes get `-2`, `-3`, ...
enum Slug {
    static func derive(from text: String, fallback: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
        var slug = ""
        var pendingDash = false
        for scalar in folded.unicodeScalars {
            if scalar.isASCII && (("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)) {
                if pendingDash && !slug.isEmpty { slug.append("-") }
                slug.unicodeScalars.append(scalar)
                pendingDash = false
            } else {
                pendingDash = true
            }
        }
        return slug.isEmpty ? fallback : slug
    }

    /// The first of `base`, `base-2`, `base-3`, ... that `isTaken` says is free.
    static func firstFree(_ base: String, isTaken: (String) throws -> Bool) throws -> String {
        if try !isTaken(base) { return base }
        var suffix = 2
        while try isTaken("\(base)-\(suffix)") { suffix += 1 }
        return "\(base)-\(suffix)"
    }
}
