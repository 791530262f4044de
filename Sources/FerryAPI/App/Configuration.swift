import Database

/// Ferry's settings (API.md, "Operations"), from the environment and an optional `.env`
/// file in the working directory (the environment wins). A bad value stops start-up
/// with a message naming the variable and the accepted forms.
public struct Configuration: Sendable {
    public var database: DatabaseConfiguration
    public var maxBodySize: Int
    /// The HS256 key tokens are signed with (`JWT_SECRET`, at least 32 bytes).
    public var jwtSecret: [UInt8]
    public var accessTokenExpireMinutes: Int
    /// `FERRY_ENV=development` lets a missing or short `JWT_SECRET` through, with a warning.
    public var developmentMode: Bool
    /// `ACCESS_LOG`: a log line per request from Ferry itself. Off by default outside
    /// development: nginx's access log already has every request, with Ferry's request id
    /// and timing (`nginx.conf`'s `ferry` log format), and the extra write per request costs
    /// ~5 % of a worker's time on a small read.
    public var accessLog: Bool
    /// `POST_PAGE_CACHE`: each worker keeps the unfiltered pages of `GET /posts` it built and
    /// serves them again while the database's page stamp says nothing on them changed but
    /// view counts (`PostPageCache`). On by default; off builds every page.
    public var postPageCache: Bool
    /// argon2id costs; code only (tests use cheaper ones, production the recommended ones).
    public var passwordHashing: PasswordHashParameters
    /// What start-up should log (a development-mode secret, say).
    public var warnings: [String] = []

    public init(
        database: DatabaseConfiguration = DatabaseConfiguration(), maxBodySize: Int = 1_048_576,
        jwtSecret: [UInt8], accessTokenExpireMinutes: Int = 30, developmentMode: Bool = false,
        accessLog: Bool? = nil, postPageCache: Bool = true, passwordHashing: PasswordHashParameters = .recommended
    ) {
        self.database = database
        self.maxBodySize = maxBodySize
        self.jwtSecret = jwtSecret
        self.accessTokenExpireMinutes = accessTokenExpireMinutes
        self.developmentMode = developmentMode
        self.accessLog = accessLog ?? developmentMode
        self.postPageCache = postPageCache
        self.passwordHashing = passwordHashing
    }

    public static func load(from environment: [String: String]) throws(ConfigurationError) -> Configuration {
        let reader = EnvironmentReader(environment)
        let mode = reader["FERRY_ENV"] ?? "production"
        guard mode == "production" || mode == "development" else {
            throw ConfigurationError(variable: "FERRY_ENV", message: "'\(mode)' is not production or development")
        }
        let secret = try SecretPolicy.resolve(secret: reader["JWT_SECRET"] ?? "", developmentMode: mode == "development")
        var configuration = Configuration(
            database: try DatabaseConfiguration(environment: environment),
            maxBodySize: try reader.integer("MAX_BODY_SIZE", default: 1_048_576, minimum: 1, maximum: 1_073_741_824),
            jwtSecret: secret.secret,
            accessTokenExpireMinutes: try reader.integer("ACCESS_TOKEN_EXPIRE_MINUTES", default: 30, minimum: 1, maximum: 525_600),
            developmentMode: mode == "development",
            accessLog: try reader.boolean("ACCESS_LOG", default: mode == "development"),
            postPageCache: try reader.boolean("POST_PAGE_CACHE", default: true))
        if let warning = secret.warning { configuration.warnings.append(warning) }
        return configuration
    }
}
