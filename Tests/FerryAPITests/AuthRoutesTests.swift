import Database
import FerryAPI
import FerryTesting
import Foundation
import HTTP
import Testing

@Suite struct AuthRoutesTests {
    @Test(arguments: DatabaseBackend.allCases)
    func registerAnswersTheUserWithoutThePassword(_ backend: DatabaseBackend) throws {
        let app = try FerryTestApp(backend)
        let response = app.client.post("/auth/register", json: [
            "username": "ada_l", "email": "Ada@Example.COM", "password": "Analytic1", "full_name": "Ada Lovelace", "extra": "ignored",
        ])
        #expect(response.status == 201)
        let user = response.json
        #expect(user["username"] == "ada_l")
        #expect(user["email"] == "ada@example.com")
        #expect(user["full_name"] == "Ada Lovelace")
        #expect(user["bio"] == .null)
        #expect(user["is_active"] == true && user["is_superuser"] == false)
        #expect(user["created_at"]?.stringValue?.hasSuffix("Z") == true)
        #expect(user.objectValue?.keys.sorted() == ["bio", "created_at", "email", "full_name", "id", "is_active", "is_superuser", "updated_at", "username"])
        #expect(!response.text.contains("Analytic1") && !response.text.contains("argon2"))
    }

    @Test(arguments: DatabaseBackend.allCases)
    func takenUsernameOrEmailIs409(_ backend: DatabaseBackend) throws {
        let app = try FerryTestApp(backend)
        _ = try app.account("grace")
        let sameName = app.client.post("/auth/register", json: ["username": "grace", "email": "other@example.com", "password": "Passw0rd"])
        #expect(sameName.status == 409 && sameName.detail == "Username already registered")
        let sameEmail = app.client.post("/users", json: ["username": "grace2", "email": "GRACE@example.com", "password": "Passw0rd"])
        #expect(sameEmail.status == 409 && sameEmail.detail == "Email already registered")
    }

    @Test(arguments: DatabaseBackend.allCases)
    func tokenFromAFormOrJSONByUsernameOrEmail(_ backend: DatabaseBackend) throws {
        let app = try FerryTestApp(backend)
        _ = try app.account("alan", password: "Turing1912")
        let form = app.client.request(.post, "/auth/token", headers: [("Content-Type", "application/x-www-form-urlencoded")],
                                      body: Array("username=alan&password=Turing1912".utf8))
        #expect(form.status == 200)
        #expect(form.json["token_type"] == "bearer")
        #expect(form.json["expires_in"] == 1800)
        let json = app.client.post("/auth/token", json: ["username": "ALAN@example.com", "password": "Turing1912"])
        #expect(json.status == 200)
        let token = json.json["access_token"]?.stringValue ?? ""
        #expect(app.client.get("/auth/me", headers: [("Authorization", "Bearer \(token)")]).json["username"] == "alan")
    }

    @Test(arguments: DatabaseBackend.allCases)
    func badCredentialsAre401AndMissingFields422(_ backend: DatabaseBackend) throws {
        let app = try FerryTestApp(backend)
        _ = try app.account("alan", password: "Turing1912")
        for (username, password) in [("alan", "wrong-Passw0rd"), ("nobody", "Turing1912")] {
            let response = app.client.post("/auth/token", json: ["username": .string(username), "password": .string(password)])
            #expect(response.status == 401)
            #expect(response.detail == "Incorrect username or password")
            #expect(response.headers["www-authenticate"] == "Bearer")
        }
        let missing = app.client.request(.post, "/auth/token", headers: [("Content-Type", "application/x-www-form-urlencoded")],
                                         body: Array("username=alan".utf8))
        #expect(missing.status == 422)
        #expect(missing.detail?[0]?["loc"] == ["body", "password"])
        #expect(missing.detail?[0]?["type"] == "missing")
    }

    @Test(arguments: DatabaseBackend.allCases)
    func inactiveUserCannotLogInAndTheirTokenIs400Everywhere(_ backend: DatabaseBackend) throws {
        let app = try FerryTestApp(backend)
        let user = try app.account("sleepy")
        #expect(app.client.delete("/users/\(user.id)/soft", headers: user.auth).json["message"] == .string("User \(user.id) has been deactivated"))
        let login = app.client.post("/auth/token", json: ["username": "sleepy", "password": "Passw0rd"])
        #expect(login.status == 400 && login.detail == "Inactive user")
        for path in ["/auth/me", "/", "/users/\(user.id)"] {
            let response = app.client.get(path, headers: user.auth)
            #expect(response.status == 400, "\(path)")
            #expect(response.detail == "Inactive user")
        }
    }

    @Test(arguments: DatabaseBackend.allCases)
    func badTokensAre401OnEveryRouteAnonymousOnesIncluded(_ backend: DatabaseBackend) throws {
        let app = try FerryTestApp(backend)
        let user = try app.account("mallory")
        let signer = TokenSigner(secret: app.configuration.jwtSecret, expiresIn: .seconds(60))
        let expired = signer.issue(subject: user.id, now: Date().addingTimeInterval(-3600))
        let otherKey = TokenSigner(secret: Array(repeating: 7, count: 32), expiresIn: .seconds(60)).issue(subject: user.id)
        let parts = user.token.split(separator: ".")
        let noneAlgorithm = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.\(parts[1])."
        let tampered = "\(parts[0]).\(Base64URLProbe.encode(#"{"sub":"1","exp":9999999999}"#)).\(parts[2])"
        let cases = ["Bearer \(expired)", "Bearer \(otherKey)", "Bearer \(noneAlgorithm)", "Bearer \(tampered)",
                     "Bearer not.a.token", "Bearer", "Basic YWxhbjpwdw=="]
        for header in cases {
            for path in ["/", "/auth/me", "/health"] {
                let response = app.client.get(path, headers: [("Authorization", header)])
                #expect(response.status == 401, "\(header) on \(path)")
                #expect(response.headers["www-authenticate"] == "Bearer")
            }
        }
        #expect(app.client.get("/auth/me", headers: [("Authorization", "Bearer \(expired)")]).detail == "Token has expired")
        #expect(app.client.get("/auth/me", headers: user.auth).status == 200)
    }

    @Test(arguments: DatabaseBackend.allCases)
    func aDeletedUsersTokenIs401AndIdsAreNeverReused(_ backend: DatabaseBackend) throws {
        let app = try FerryTestApp(backend)
        let gone = try app.account("gone")
        #expect(app.client.delete("/users/\(gone.id)", headers: gone.auth).status == 204)
        let next = try app.account("next")
        #expect(next.id != gone.id)
        let response = app.client.get("/auth/me", headers: gone.auth)
        #expect(response.status == 401)
        #expect(response.detail == "Could not validate credentials")
    }

    @Test(arguments: DatabaseBackend.allCases)
    func anonymousMeIs401(_ backend: DatabaseBackend) throws {
        let app = try FerryTestApp(backend)
        let response = app.client.get("/auth/me")
        #expect(response.status == 401)
        #expect(response.detail == "Not authenticated")
        #expect(response.headers["www-authenticate"] == "Bearer")
    }

    @Test(arguments: DatabaseBackend.allCases)
    func putMeIsAPartialUpdateOfTheCaller(_ backend: DatabaseBackend) throws {
        let app = try FerryTestApp(backend)
        let user = try app.account("linus", fullName: "Linus")
        let response = app.client.send(.put, "/auth/me", json: ["bio": "Kernel", "password": "NewPassw0rd"], headers: user.auth)
        #expect(response.status == 200)
        #expect(response.json["full_name"] == "Linus")
        #expect(response.json["bio"] == "Kernel")
        #expect(throws: Never.self) { try app.login("linus", "NewPassw0rd") }
        #expect(throws: (any Error).self) { try app.login("linus", "Passw0rd") }
        let promote = app.client.send(.put, "/auth/me", json: ["is_active": false], headers: user.auth)
        #expect(promote.status == 403)
    }
}

@Suite struct TokenLifetimeTests {
    @Test func expiryComesFromTheConfiguration() throws {
        var configuration = Configuration.testing
        configuration.accessTokenExpireMinutes = 60
        let app = try FerryTestApp(.sqlite, configuration: configuration)
        _ = try app.account("timed")
        let response = app.client.post("/auth/token", json: ["username": "timed", "password": "Passw0rd"])
        #expect(response.json["expires_in"] == 3600)
        let token = response.json["access_token"]?.stringValue ?? ""
        let claims = try TokenSigner(secret: configuration.jwtSecret, expiresIn: .seconds(1)).verify(token)
        #expect(abs(claims.expiresAt.timeIntervalSinceNow - 3600) < 60)
    }
}
