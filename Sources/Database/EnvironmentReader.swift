/// Typed reads of environment variables for start-up configuration: an unset or empty
/// variable takes its default, and a bad value throws a `ConfigurationError` naming
/// the variable and the accepted forms.
public struct EnvironmentReader: Sendable {
    public let environment: [String: String]

    public init(_ environment: [String: String]) { self.environment = environment }

    /// The value, when set and not empty.
    public subscript(name: String) -> String? {
        environment[name].flatMap { $0.isEmpty ? nil : $0 }
    }

    public func integer(_ name: String, default value: Int, minimum: Int, maximum: Int = .max) throws(ConfigurationError) -> Int {
        guard let text = self[name] else { return value }
        guard let number = Int(text), number >= minimum, number <= maximum else {
            let range = maximum == .max ? ">= \(minimum)" : "from \(minimum) to \(maximum)"
            throw ConfigurationError(variable: name, message: "'\(text)' is not a whole number \(range)")
        }
        return number
    }

    /// Seconds as a decimal number; with `allowNever`, -1 reads as nil ("never").
    public func seconds(_ name: String, default value: Double, allowNever: Bool = false) throws(ConfigurationError) -> Double? {
        guard let text = self[name] else { return value }
        guard let number = Double(text), number.isFinite, number >= 0 || (allowNever && number == -1) else {
            let accepted = allowNever ? "a number of seconds >= 0, or -1 for never" : "a number of seconds >= 0"
            throw ConfigurationError(variable: name, message: "'\(text)' is not \(accepted)")
        }
        return number == -1 ? nil : number
    }

    public func boolean(_ name: String, default value: Bool) throws(ConfigurationError) -> Bool {
        guard let text = self[name] else { return value }
        switch text.lowercased() {
        case "true", "1", "yes", "on": return true
        case "false", "0", "no", "off": return false
        default: throw ConfigurationError(variable: name, message: "'\(text)' is not a boolean (true/false, 1/0, yes/no, on/off)")
        }
    }
}
