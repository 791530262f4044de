/// Reads `KEY=VALUE` lines of a `.env` file: `#` comments, optional `export `, values
/// optionally in single or double quotes. Variables already in the environment win.
public enum DotEnvFile {
    public static func parse(_ text: String) -> [String: String] {
        var values: [String: String] = [:]
        for rawLine in text.split(whereSeparator: \.isNewline) {
            var line = rawLine.drop { $0 == " " || $0 == "\t" }
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("export ") { line = line.dropFirst(7) }
            guard let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmingCharacters(in: " \t")
            var value = line[line.index(after: equals)...].trimmingCharacters(in: " \t")
            if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                value = String(value.dropFirst().dropLast())
            }
            values[key] = value
        }
        return values
    }

    /// The process environment with `.env` (if present at `path`) filled in underneath.
    public static func merged(environment: [String: String], fileContents: String?) -> [String: String] {
        guard let fileContents else { return environment }
        return parse(fileContents).merging(environment) { _, fromEnvironment in fromEnvironment }
    }
}

private extension Substring {
    func trimmingCharacters(in set: String) -> String {
        var text = self
        while let first = text.first, set.contains(first) { text.removeFirst() }
        while let last = text.last, set.contains(last) { text.removeLast() }
        return String(text)
    }
}
