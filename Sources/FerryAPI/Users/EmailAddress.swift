import HTTP

/// A pragmatic email address check (one `@`, a plain local part, a dotted domain of
/// letters, digits and hyphens), answering pydantic's message when it fails.
enum EmailAddress {
    static let check: JSONSchema.Check = { value in
        guard let text = value.stringValue, let reason = problem(with: text) else { return nil }
        return ("value is not a valid email address: \(reason)", "value_error")
    }

    static func problem(with address: String) -> String? {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return "An email address must have exactly one @-sign." }
        let (local, domain) = (parts[0], parts[1])
        guard !local.isEmpty else { return "There must be something before the @-sign." }
        guard local.utf8.count <= 64 else { return "The email address is too long before the @-sign." }
        let localAllowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.!#$%&'*+/=?^_`{|}~-")
        guard local.allSatisfy(localAllowed.contains), !local.hasPrefix("."), !local.hasSuffix("."), !local.contains("..")
        else { return "The part before the @-sign contains invalid characters." }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2 else { return "The part after the @-sign is not valid. It should have a period." }
        let labelAllowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-")
        for label in labels {
            guard !label.isEmpty, label.count <= 63, label.allSatisfy(labelAllowed.contains),
                  !label.hasPrefix("-"), !label.hasSuffix("-")
            else { return "The part after the @-sign is not valid." }
        }
        guard labels.last!.contains(where: \.isLetter) else { return "The part after the @-sign is not valid." }
        return nil
    }
}
