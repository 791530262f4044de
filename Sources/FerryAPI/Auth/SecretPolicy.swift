import Database
/// The rules for `JWT_SECRET`, the HS256 key every token is signed with.
///
/// The secret's UTF-8 bytes are the key as they are (a hex string is not decoded): the
/// 64 characters of `openssl rand -hex 32` make a 64-byte key carrying 256 random bits.
public enum SecretPolicy {
    public static let variable = "JWT_SECRET"
    /// RFC 7518 §3.2: an HS256 key must be at least as long as the hash, 256 bits.
    public static let minimumBytes = 32

    /// The key bytes for `secret`, or a `ConfigurationError` naming `JWT_SECRET` and how to make one.
    /// In development mode an empty secret becomes a random per-process key (tokens then die with
    /// the process) and a short one is tolerated; `resolve` also returns the warning to log.
    public static func validate(secret: String, developmentMode: Bool) throws(ConfigurationError) -> [UInt8] {
        try resolve(secret: secret, developmentMode: developmentMode).secret
    }

    /// Like `validate`, with a warning for the caller to log when development mode let a weak
    /// or missing secret through (nil when the secret is fine).
    public static func resolve(secret: String, developmentMode: Bool)
        throws(ConfigurationError) -> (secret: [UInt8], warning: String?)
    {
        let bytes = Array(secret.utf8)
        if bytes.count >= minimumBytes { return (bytes, nil) }
        guard developmentMode else {
            let problem = bytes.isEmpty ? "is not set" : "is \(bytes.count) bytes, shorter than the \(minimumBytes) required"
            throw ConfigurationError(
                variable: variable,
                message: "\(problem); set it to at least \(minimumBytes) random bytes, e.g. the output of `openssl rand -hex 32`")
        }
        if !bytes.isEmpty {
            return (bytes, "\(variable) is only \(bytes.count) bytes; accepted in development mode only, generate one with `openssl rand -hex 32`")
        }
        guard let random = SecureRandom.bytes(minimumBytes) else {
            throw ConfigurationError(variable: variable, message: "is not set and no random secret could be generated")
        }
        return (random, "\(variable) is not set: using a random secret for this process only (development mode); tokens stop working on restart. Set one with `openssl rand -hex 32`")
    }
}
