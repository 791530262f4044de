import Database

/// A case-insensitive substring match: `LOWER(column) LIKE %text%`, with the text's own
/// `%`, `_` and `\` escaped so they match themselves. The pattern is a bound value.
enum LikePattern {
    static func contains(_ text: String) -> String {
        var escaped = ""
        for character in text.lowercased() {
            if character == "%" || character == "_" || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        return "%" + escaped + "%"
    }

    /// `LOWER(column) LIKE pattern ESCAPE '\'` for each column, joined with OR.
    static func anyColumn(_ columns: [SQL], contains text: String) -> SQL {
        let pattern = contains(text)
        return "(" + SQL.joined(columns.map { "LOWER(\(sql: $0)) LIKE \(pattern) ESCAPE '\\'" }, separator: " OR ") + ")"
    }
}
