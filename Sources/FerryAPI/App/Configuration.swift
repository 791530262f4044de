import Database

/// Ferry's settings (API.md, "Operations"), from the environment and an optional `.env`
/// file in the working directory (the environment wins). A bad value stops start-up
/// with a message naming the variable and the accepted forms.
public struct Configuration: Sendable {
    public var database: DatabaseConfiguration
    public var maxBodySize: Int

    public static let defaults = Configuration()

    public init(database: DatabaseConfiguration = DatabaseConfiguration(), maxBodySize: Int = 1_048_576) {
        self.database = database
        self.maxBodySize = maxBodySize
    }

    public static func load(from environment: [String: String]) throws(ConfigurationError) -> Configuration {
        let reader = EnvironmentReader(environment)
        return Configuration(
            database: try DatabaseConfiguration(environment: environment),
            maxBodySize: try reader.integer("MAX_BODY_SIZE", default: 1_048_576, minimum: 1, maximum: 1_073_741_824))
    }
}
