/// A configuration value that cannot be used; the message names the variable and
/// what it accepts, so start-up can stop with it as is.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    /// The environment variable (`DATABASE_URL`, `DB_POOL_SIZE`...).
    public let variable: String
    public let message: String

    public init(variable: String, message: String) {
        self.variable = variable
        self.message = message
    }

    public var description: String { "\(variable): \(message)" }
}
