import Database
import FerryTesting
import Foundation
import HTTP
import Testing

/// Every rule of `UserCreate` and `UserUpdate`, answered as a 422 naming the field.
@Suite struct UserValidationTests {
    static let valid: [String: JSONValue] = ["username": "valid_user", "email": "valid@example.com", "password": "Passw0rd"]

    /// (field, bad value, expected type, expected message prefix)
    static let createCases: [(String, JSONValue, String, String)] = [
        ("username", "ab", "string_too_short", "String should have at least 3 characters"),
        ("username", .string(String(repeating: "a", count: 51)), "string_too_long", "String should have at most 50 characters"),
        ("username", "bad name!", "string_pattern_mismatch", "String should match pattern '^[A-Za-z0-9_]+$'"),
        ("username", 42, "string_type", "Input should be a valid string"),
        ("email", "no-at-sign", "value_error", "value is not a valid email address: An email address must have exactly one @-sign."),
        ("email", "two@@example.com", "value_error", "value is not a valid email address"),
        ("email", "user@localhost", "value_error", "value is not a valid email address: The part after the @-sign is not valid. It should have a period."),
        ("email", "a b@example.com", "value_error", "value is not a valid email address"),
        ("email", .string(String(repeating: "a", count: 250) + "@example.com"), "string_too_long", "String should have at most 255 characters"),
        ("password", "Sh0rt", "string_too_short", "String should have at least 8 characters"),
        ("password", .string("Aa1" + String(repeating: "x", count: 98)), "string_too_long", "String should have at most 100 characters"),
        ("password", "alllower1", "value_error", "Value error, Password must contain at least one uppercase letter"),
        ("password", "NoDigitsHere", "value_error", "Value error, Password must contain at least one digit"),
        ("full_name", .string(String(repeating: "n", count: 101)), "string_too_long", "String should have at most 100 characters"),
    ]

    @Test(arguments: createCases)
    func eachCreateRuleIsA422NamingTheField(_ field: String, _ value: JSONValue, _ type: String, _ message: String) throws {
        let client = TestClient.ferry()
        var body = Self.valid
        body[field] = value
        let response = client.post("/auth/register", json: .object(body))
        #expect(response.status == 422)
        let issues = response.detail?.arrayValue ?? []
        #expect(issues.count == 1)
        #expect(issues.first?["loc"] == ["body", .string(field)])
        #expect(issues.first?["type"] == .string(type))
        #expect(issues.first?["msg"]?.stringValue?.hasPrefix(message) == true, "\(issues.first?["msg"] ?? .null)")
    }

    @Test func everyFailingFieldIsListedAtOnceAndNothingIsCreated() throws {
        let client = TestClient.ferry()
        let response = client.post("/users", json: ["username": "x", "email": "nope", "full_name": .string(String(repeating: "n", count: 101))])
        #expect(response.status == 422)
        let locs = Set((response.detail?.arrayValue ?? []).compactMap { $0["loc"]?[1]?.stringValue })
        #expect(locs == ["username", "email", "password", "full_name"])
        #expect(response.detail?.arrayValue?.first { $0["loc"]?[1] == "password" }?["type"] == "missing")
    }

    @Test func malformedBodiesAre422() {
        let client = TestClient.ferry()
        let broken = client.request(.post, "/auth/register", headers: [("Content-Type", "application/json")], body: Array(#"{"username": "#.utf8))
        #expect(broken.status == 422 && broken.detail?[0]?["type"] == "json_invalid")
        let list = client.post("/auth/register", json: ["not", "an", "object"])
        #expect(list.status == 422 && list.detail?[0]?["type"] == "model_attributes_type")
    }

    @Test(arguments: DatabaseBackend.allCases)
    func updateRulesAreChecked(_ backend: DatabaseBackend) throws {
        let app = try FerryTestApp(backend)
        let user = try app.account("checked")
        let response = app.client.send(.patch, "/users/\(user.id)", json: [
            "bio": .string(String(repeating: "b", count: 1001)), "password": "weakpassword", "is_active": "yes",
        ], headers: user.auth)
        #expect(response.status == 422)
        let types = Dictionary(uniqueKeysWithValues: (response.detail?.arrayValue ?? []).compactMap { issue in
            issue["loc"]?[1]?.stringValue.map { ($0, issue["type"]?.stringValue ?? "") }
        })
        #expect(types == ["bio": "string_too_long", "password": "value_error", "is_active": "bool_type"])
        #expect(app.client.get("/auth/me", headers: user.auth).json["bio"] == .null, "a refused update changes nothing")
    }
}

/// Two requests racing for one username: exactly one wins, the others get 409, never 500.
@Suite struct RegistrationRaceTests {
    @Test(arguments: DatabaseBackend.allCases)
    func concurrentRegistrationsOfOneUsernameGiveOne201AndThe409s(_ backend: DatabaseBackend) throws {
        let app = try FerryTestApp(backend)
        let statuses = Shared<[Int]>([])
        let attempts = 8
        for index in 0..<attempts {
            Thread { [client = app.client] in
                let response = client.post("/auth/register", json: [
                    "username": "contested", "email": .string("racer\(index)@example.com"), "password": "Passw0rd",
                ])
                statuses.update { $0.append(response.status) }
            }.start()
        }
        #expect(TestEnvironment.wait(seconds: 30) { statuses.value.count == attempts })
        #expect(statuses.value.filter { $0 == 201 }.count == 1)
        #expect(statuses.value.filter { $0 == 409 }.count == attempts - 1, "\(statuses.value)")
    }
}
