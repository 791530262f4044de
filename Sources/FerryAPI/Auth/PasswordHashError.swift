/// Why a password could not be hashed; a server error, never the user's fault.
public enum PasswordHashError: Error, Equatable, CustomStringConvertible {
    /// The OS random source failed to give a salt.
    case randomSourceFailed
    /// libargon2 returned an error code.
    case argon2(code: Int32, message: String)

    public var description: String {
        switch self {
        case .randomSourceFailed: "could not read random bytes for a password salt"
        case .argon2(let code, let message): "argon2id failed (\(code)): \(message)"
        }
    }
}
