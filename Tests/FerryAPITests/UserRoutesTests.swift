import Database
import FerryAPI
import FerryTesting
import Foundation
import HTTP
import Testing

@Suite struct UserRoutesTests {
    @Test(arguments: DatabaseBackend.allCases)
    func listIsAPageEnvelopeNewestFirstWithFilters(_ backend: DatabaseBackend) throws {
        let app = try FerryTestApp(backend)
        let viewer = try app.account("viewer")
        for name in ["alpha", "bravo", "charlie"] { _ = try app.account(name, fullName: "Agent \(name.uppercased())") }
        let sleeper = try app.account("sleeper")
        _ = app.client.delete("/users/\(sleeper.id)/soft", headers: sleeper.auth)

        let page = app.client.get("/users?page=1&page_size=2", headers: viewer.auth).json
        #expect(page["total"] == 5 && page["page"] == 1 && page["page_size"] == 2 && page["total_pages"] == 3)
        #expect(page["has_next"] == true && page["has_previous"] == false)
        #expect(page["items"]?.arrayValue?.compactMap { $0["username"]?.stringValue } == ["sleeper", "charlie"])
        let last = app.client.get("/users?page=3&page_size=2", headers: viewer.auth).json
        #expect(last["items"]?.arrayValue?.count == 1 && last["has_next"] == false && last["has_previous"] == true)

        let inactive = app.client.get("/users?is_active=false", headers: viewer.auth).json
        #expect(inactive["items"]?.arrayValue?.compactMap { $0["username"]?.stringValue } == ["sleeper"])
        let byName = app.client.get("/users?search=AGENT%20b", headers: viewer.auth).json
        #expect(byName["items"]?.arrayValue?.compactMap { $0["username"]?.stringValue } == ["bravo"])
        let byEmail = app.client.get("/users?search=LIE@EXAMPLE", headers: viewer.auth).json
        #expect(byEmail["total"] == 1)
        // LIKE wildcards in the search are plain characters.
        #expect(app.client.get("/users?search=%25", headers: viewer.auth).json["total"] == 0)
        #expect(app.client.get("/users?search=_", headers: viewer.auth).json["total"] == 0)
        let empty = app.client.get("/users?search=nobody-at-all", headers: viewer.auth).json
        #expect(empty["total"] == 0 && empty["total_pages"] == 0 && empty["has_next"] == false)
    }

    @Test(arguments: DatabaseBackend.allCases)
    func listRejectsBadPaginationAndNeedsAUser(_ backend: DatabaseBackend) throws {
        let app = try FerryTestApp(backend)
        let viewer = try app.account("viewer")
        #expect(app.client.get("/users").status == 401)
        let bad = app.client.get("/users?page=0&page_size=101&is_active=maybe", headers: viewer.auth)
        #expect(bad.status == 422)
        #expect(bad.detail?.arrayValue?.compactMap { $0["loc"] } == [["query", "page"], ["query", "page_size"], ["query", "is_active"]])
    }

    @Test(arguments: DatabaseBackend.allCases)
    func searchByEmailAndById(_ backend: DatabaseBackend) throws {
        let app = try FerryTestApp(backend)
        let viewer = try app.account("viewer")
        let target = try app.account("target_user")
        let search = app.client.get("/users/search?q=TARGET", headers: viewer.auth)
        #expect(search.json.arrayValue?.compactMap { $0["username"]?.stringValue } == ["target_user"])
        #expect(app.client.get("/users/search", headers: viewer.auth).status == 422)
        #expect(app.client.get("/users/by-email/TARGET_USER@example.com", headers: viewer.auth).json["id"] == .number(String(target.id)))
        let missingEmail = app.client.get("/users/by-email/nobody@example.com", headers: viewer.auth)
        #expect(missingEmail.status == 404 && missingEmail.detail == "User with email nobody@example.com not found")
        #expect(app.client.get("/users/\(target.id)", headers: viewer.auth).json["username"] == "target_user")
        let missing = app.client.get("/users/99999", headers: viewer.auth)
        #expect(missing.status == 404 && missing.detail == "User with id 99999 not found")
        #expect(app.client.get("/users/abc", headers: viewer.auth).status == 422)
        #expect(app.client.get("/users/\(target.id)").status == 401)
        let withPosts = app.client.get("/users/\(target.id)/with-posts", headers: viewer.auth).json
        #expect(withPosts["username"] == "target_user" && withPosts["posts"] == [])
    }

    @Test(arguments: DatabaseBackend.allCases)
    func superuserOnlyRoutesAre403ForUsers(_ backend: DatabaseBackend) throws {
        let app = try FerryTestApp(backend)
        let user = try app.account("plain")
        let admin = try app.account("admin", superuser: true)
        for (method, path) in [(HTTPMethod.get, "/users/stats/active-count"), (.get, "/users/top-spenders"),
                               (.patch, "/users/bulk/deactivate?days=1"), (.delete, "/users/bulk/inactive")] {
            #expect(app.client.request(method, path, headers: user.auth).status == 403, "\(method) \(path)")
            #expect(app.client.request(method, path).status == 401, "\(method) \(path)")
            #expect(app.client.request(method, path, headers: admin.auth).status == 200, "\(method) \(path)")
        }
        #expect(app.client.get("/users/stats/active-count", headers: admin.auth).json == ["active_users": 2])
        #expect(app.client.get("/users/top-spenders?limit=5", headers: admin.auth).json == [])
        #expect(app.client.get("/users/top-spenders?limit=0", headers: admin.auth).status == 422)
    }

    @Test(arguments: DatabaseBackend.allCases)
    func putReplacesAndPatchChangesOnlyWhatIsSent(_ backend: DatabaseBackend) throws {
        let app = try FerryTestApp(backend)
        let user = try app.account("writer", fullName: "W. Riter")
        _ = app.client.send(.patch, "/users/\(user.id)", json: ["bio": "Hello"], headers: user.auth)

        let put = app.client.send(.put, "/users/\(user.id)", json: ["username": "writer2", "email": "w2@example.com"], headers: user.auth)
        #expect(put.status == 200)
        #expect(put.json["username"] == "writer2" && put.json["full_name"] == .null && put.json["bio"] == .null)
        #expect(throws: Never.self) { try app.login("writer2", "Passw0rd") }  // password unchanged
        let incomplete = app.client.send(.put, "/users/\(user.id)", json: ["username": "writer3"], headers: user.auth)
        #expect(incomplete.status == 422 && incomplete.detail?[0]?["loc"] == ["body", "email"])

        let patch = app.client.send(.patch, "/users/\(user.id)", json: ["full_name": "New Name"], headers: user.auth)
        #expect(patch.json["full_name"] == "New Name" && patch.json["username"] == "writer2")
        let cleared = app.client.send(.patch, "/users/\(user.id)", json: ["full_name": nil], headers: user.auth)
        #expect(cleared.status == 200 && cleared.json["full_name"] == .null)
        let nullName = app.client.send(.patch, "/users/\(user.id)", json: ["username": nil], headers: user.auth)
        #expect(nullName.status == 422 && nullName.detail?[0]?["loc"] == ["body", "username"])
        let before = put.json["updated_at"]
        #expect(patch.json["updated_at"] != nil && before != nil)
    }

    @Test(arguments: DatabaseBackend.allCases)
    func onlyTheUserOrASuperuserMayChangeOrDelete(_ backend: DatabaseBackend) throws {
        let app = try FerryTestApp(backend)
        let owner = try app.account("owner")
        let other = try app.account("other")
        let admin = try app.account("admin", superuser: true)
        #expect(app.client.send(.patch, "/users/\(owner.id)", json: ["bio": "x"], headers: other.auth).status == 403)
        #expect(app.client.send(.put, "/users/\(owner.id)", json: ["username": "owner_x", "email": "o@example.com"], headers: other.auth).status == 403)
        #expect(app.client.delete("/users/\(owner.id)", headers: other.auth).status == 403)
        #expect(app.client.delete("/users/\(owner.id)/soft", headers: other.auth).status == 403)
        #expect(app.client.send(.patch, "/users/\(owner.id)", json: ["bio": "by admin"], headers: admin.auth).json["bio"] == "by admin")
        // is_active: a user may not change their own; sending the current value is no change.
        #expect(app.client.send(.patch, "/users/\(owner.id)", json: ["is_active": false], headers: owner.auth).status == 403)
        #expect(app.client.send(.patch, "/users/\(owner.id)", json: ["is_active": true], headers: owner.auth).status == 200)
        #expect(app.client.send(.patch, "/users/\(owner.id)", json: ["is_active": false], headers: admin.auth).json["is_active"] == false)
        #expect(app.client.send(.patch, "/users/99999", json: ["bio": "x"], headers: admin.auth).status == 404)
        #expect(app.client.delete("/users/99999", headers: admin.auth).status == 404)
        #expect(app.client.delete("/users/\(other.id)", headers: admin.auth).status == 204)
        #expect(app.client.get("/users/\(other.id)", headers: admin.auth).status == 404)
    }

    @Test(arguments: DatabaseBackend.allCases)
    func updatesRespectUniqueness(_ backend: DatabaseBackend) throws {
        let app = try FerryTestApp(backend)
        let first = try app.account("first")
        _ = try app.account("second")
        let name = app.client.send(.patch, "/users/\(first.id)", json: ["username": "second"], headers: first.auth)
        #expect(name.status == 409 && name.detail == "Username already registered")
        let email = app.client.send(.patch, "/users/\(first.id)", json: ["email": "SECOND@example.com"], headers: first.auth)
        #expect(email.status == 409 && email.detail == "Email already registered")
        // Keeping one's own username is not a conflict.
        #expect(app.client.send(.patch, "/users/\(first.id)", json: ["username": "first"], headers: first.auth).status == 200)
    }

    @Test(arguments: DatabaseBackend.allCases)
    func bulkDeactivateSparesSuperusersAndTheRecentlyUpdated(_ backend: DatabaseBackend) throws {
        let app = try FerryTestApp(backend)
        let admin = try app.account("admin", superuser: true)
        let stale = try app.account("stale")
        _ = try app.account("fresh")
        let longAgo = Date().addingTimeInterval(-40 * 86_400)
        try app.execute("UPDATE users SET updated_at = \(longAgo) WHERE username IN ('stale', 'admin')")
        let response = app.client.request(.patch, "/users/bulk/deactivate?days=30", headers: admin.auth)
        #expect(response.json == ["deactivated_count": 1])
        #expect(app.client.get("/users/\(stale.id)", headers: admin.auth).json["is_active"] == false)
        #expect(app.client.request(.patch, "/users/bulk/deactivate", headers: admin.auth).status == 422)

        let deleted = app.client.delete("/users/bulk/inactive", headers: admin.auth)
        #expect(deleted.json == ["deleted_count": 1])
        #expect(app.client.get("/users/\(stale.id)", headers: admin.auth).status == 404)
        #expect(app.client.get("/users/stats/active-count", headers: admin.auth).json == ["active_users": 2])
    }

    @Test(arguments: DatabaseBackend.allCases)
    func bulkCreateIsAllOrNothing(_ backend: DatabaseBackend) throws {
        let app = try FerryTestApp(backend)
        let admin = try app.account("admin", superuser: true)
        let user = try app.account("taken")
        func person(_ name: String) -> JSONValue { ["username": .string(name), "email": .string("\(name)@example.com"), "password": "Passw0rd"] }

        let created = app.client.post("/users/bulk", json: [person("bulk_a"), person("bulk_b")], headers: admin.auth)
        #expect(created.status == 201)
        #expect(created.json.arrayValue?.compactMap { $0["username"]?.stringValue } == ["bulk_a", "bulk_b"])

        let count = { app.client.get("/users", headers: admin.auth).json["total"] }
        let before = count()
        let clash = app.client.post("/users/bulk", json: [person("bulk_c"), person("taken")], headers: admin.auth)
        #expect(clash.status == 409 && clash.detail == "Username already registered")
        let twice = app.client.post("/users/bulk", json: [person("bulk_d"), person("bulk_d")], headers: admin.auth)
        #expect(twice.status == 409)
        #expect(count() == before, "nothing of a refused batch was created")

        let invalid = app.client.post("/users/bulk", json: [person("bulk_e"), ["username": "ok_name", "email": "bad", "password": "Passw0rd"]], headers: admin.auth)
        #expect(invalid.status == 422 && invalid.detail?[0]?["loc"] == ["body", 1, "email"])
        #expect(app.client.post("/users/bulk", json: [], headers: admin.auth).status == 422)
        #expect(app.client.post("/users/bulk", json: [person("x_y_z")], headers: user.auth).status == 403)
        #expect(app.client.post("/users/bulk", json: [person("x_y_z")]).status == 401)
    }

    @Test(arguments: DatabaseBackend.allCases)
    func deletingYourselfEndsYourToken(_ backend: DatabaseBackend) throws {
        let app = try FerryTestApp(backend)
        let user = try app.account("leaver")
        #expect(app.client.delete("/users/\(user.id)", headers: user.auth).status == 204)
        #expect(app.client.get("/auth/me", headers: user.auth).status == 401)
    }
}
