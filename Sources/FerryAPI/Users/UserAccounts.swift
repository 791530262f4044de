import Database
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import HTTP

/// Creating users, shared by `POST /auth/register`, `POST /users`, `POST /users/bulk` and
/// `ferry createsuperuser`. A friendly check names a taken username or email first; the
/// unique constraints still decide when two requests race, and either way it is a 409.
public enum UserAccounts {
    static func create(_ input: UserCreate, hashedPassword: String, isSuperuser: Bool = false, session: Session) throws -> User {
        try session.beginWriting()
        let repository = UserRepository(session: session)
        try ensureAvailable(username: input.username, email: input.email, excluding: nil, repository)
        do {
            return try repository.insert(
                username: input.username, email: input.email, hashedPassword: hashedPassword,
                fullName: input.fullName, isSuperuser: isSuperuser, now: Date())
        } catch let error as DatabaseError {
            throw conflict(error) ?? error
        }
    }

    /// 409 when another user (not `id`) already has the username or email.
    static func ensureAvailable(username: String?, email: String?, excluding id: Int?, _ repository: UserRepository) throws {
        let session = repository.session
        if let username,
           let owner = try session.fetchScalar("SELECT id FROM users WHERE username = \(username)", as: Int.self), owner != id {
            throw HTTPError.conflict("Username already registered")
        }
        if let email, let owner = try repository.find(email: email), owner.id != id {
            throw HTTPError.conflict("Email already registered")
        }
    }

    /// The 409 for a uniqueness violation on users, named after the column.
    static func conflict(_ error: DatabaseError) -> HTTPError? {
        guard case .uniqueViolation = error else { return nil }
        let constraint = error.constraintName ?? ""
        if constraint.contains("username") { return .conflict("Username already registered") }
        if constraint.contains("email") { return .conflict("Email already registered") }
        return .conflict("Username or email already registered")
    }

    /// A superuser from the command line, checked by the same rules as `UserCreate`.
    public static func createSuperuser(
        username: String, email: String, password: String, configuration: Configuration, pool: ConnectionPool
    ) throws -> User {
        let body: JSONValue = ["username": .string(username), "email": .string(email), "password": .string(password)]
        let issues = SchemaValidator.validate(body, against: UserCreate.schema, at: [])
        guard issues.isEmpty else { throw ValidationError(issues) }
        let hash = try PasswordHasher(parameters: configuration.passwordHashing).hash(password)
        let session = pool.makeSession()
        defer { session.close() }
        let user = try create(UserCreate(username: username, email: email, password: password, fullName: nil),
                              hashedPassword: hash, isSuperuser: true, session: session)
        try session.commit()
        return user
    }
}
