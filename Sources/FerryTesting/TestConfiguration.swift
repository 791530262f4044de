import FerryAPI

extension Configuration {
    /// For tests: a fixed signing secret and argon2id at its cheapest legal cost (the
    /// production cost is ~55 ms a hash; PasswordHasherTests cover it).
    public static let testing = Configuration(
        jwtSecret: Array("ferry-tests-only-secret-0123456789abcdef".utf8),
        passwordHashing: PasswordHashParameters(memoryKiB: 8, iterations: 1, parallelism: 1))
}
