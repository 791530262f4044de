import Database
import HTTP

/// What route handlers share across requests: settings and the stateless helpers built from them.
struct AppServices: Sendable {
    let configuration: Configuration
    let pool: ConnectionPool
    let passwords: PasswordHasher
    let tokens: TokenSigner
    /// The pages of posts this process has built (`PostPageCache`), unless `POST_PAGE_CACHE` is off.
    let postPages: PostPageCache?

    init(configuration: Configuration, pool: ConnectionPool) {
        self.configuration = configuration
        self.pool = pool
        postPages = configuration.postPageCache ? PostPageCache() : nil
        passwords = PasswordHasher(parameters: configuration.passwordHashing)
        tokens = TokenSigner(secret: configuration.jwtSecret, expiresIn: .seconds(configuration.accessTokenExpireMinutes * 60))
    }

    /// A password hash, or a 500 when the system cannot hash at all (no entropy, no memory).
    func hash(_ password: String) throws -> String {
        try passwords.hash(password)
    }
}
