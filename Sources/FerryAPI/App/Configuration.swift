/// Ferry's settings, from the environment and an optional `.env` file in the working
/// directory (the environment wins). A bad value stops start-up with a message naming
/// the variable and the accepted forms.
public struct Configuration: Sendable {
    public var maxBodySize: Int

    public static let defaults = Configuration(maxBodySize: 1_048_576)

    public init(maxBodySize: Int) {
        self.maxBodySize = maxBodySize
    }

    public static func load(from environment: [String: String]) throws(ConfigurationError) -> Configuration {
        let reader = EnvironmentReader(environment)
        return Configuration(
            maxBodySize: try reader.int("MAX_BODY_SIZE", default: defaults.maxBodySize, range: 1...1_073_741_824)
        )
    }
}

/// A configuration value Ferry cannot use.
public struct ConfigurationError: Error, CustomStringConvertible {
    public let variable: String
    public let message: String
    public var description: String { "\(variable): \(message)" }
}
