import Database
import FerryAPI
import HTTP

/// The Ferry application on a fresh, migrated database of one backend, with helpers to
/// make users and log them in: what most API tests start from.
public final class FerryTestApp {
    public let database: DatabaseFixture
    public let pool: ConnectionPool
    public let client: TestClient
    public let configuration: Configuration

    /// A user the test made, with the bearer header that authenticates it.
    public struct Account {
        public let id: Int
        public let username: String
        public let password: String
        public let token: String
        public var auth: [(String, String)] { [("Authorization", "Bearer \(token)")] }
    }

    public init(_ backend: DatabaseBackend, configuration: Configuration = .testing, pool options: PoolOptions = PoolOptions()) throws {
        database = try DatabaseFixture(backend)
        pool = database.makePool(options)
        self.configuration = configuration
        client = try TestClient.ferry(pool: pool, configuration: configuration)
    }

    /// Registers `username` through the API (or makes a superuser as the CLI does) and logs in.
    public func account(_ username: String, superuser: Bool = false, password: String = "Passw0rd", fullName: String? = nil) throws -> Account {
        let email = "\(username)@example.com"
        let id: Int
        if superuser {
            id = try UserAccounts.createSuperuser(username: username, email: email, password: password, configuration: configuration, pool: pool).id
        } else {
            var body: JSONValue = ["username": .string(username), "email": .string(email), "password": .string(password)]
            if let fullName, case .object(var members) = body { members["full_name"] = .string(fullName); body = .object(members) }
            let created = client.post("/auth/register", json: body)
            guard created.status == 201, let newID = created.json["id"]?.intValue else {
                throw SocketConnection.Failure(description: "registering \(username) failed: \(created)")
            }
            id = newID
        }
        return Account(id: id, username: username, password: password, token: try login(username, password))
    }

    /// A bearer token for the credentials, through `POST /auth/token`.
    public func login(_ username: String, _ password: String) throws -> String {
        let response = client.request(.post, "/auth/token", headers: [("Content-Type", "application/x-www-form-urlencoded")],
                                      body: Array("username=\(username)&password=\(password)".utf8))
        guard let token = response.json["access_token"]?.stringValue else {
            throw SocketConnection.Failure(description: "login of \(username) failed: \(response)")
        }
        return token
    }

    /// Runs SQL on the test database directly (to age a row, say), outside any request.
    public func execute(_ sql: SQL) throws {
        _ = try pool.withConnection { try $0.execute(sql) }
    }

    deinit { database.dispose() }
}
