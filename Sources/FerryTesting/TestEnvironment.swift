import FerryAPI
import Foundation

/// Where the tests find the repository, the built `ferry` binary and scratch space.
public enum TestEnvironment {
    /// The repository root (this file is Sources/FerryTesting/TestEnvironment.swift).
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `ferry` executable built beside the test binary (`FERRY_BINARY` overrides it).
    public static var ferryBinary: String {
        if let path = ProcessInfo.processInfo.environment["FERRY_BINARY"] { return path }
        let testBinary = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: testBinary).deletingLastPathComponent().appendingPathComponent("ferry").path
    }

    /// What a `ferry` process started by a test needs: the tests' signing secret and an
    /// SQLite database in `directory` (unless `overrides` say otherwise).
    public static func ferryEnvironment(directory: URL, _ overrides: [String: String] = [:]) -> [String: String] {
        [
            "JWT_SECRET": String(decoding: FerryAPI.Configuration.testing.jwtSecret, as: UTF8.self),
            "DATABASE_URL": "sqlite:///" + directory.appendingPathComponent("ferry.db").path,
        ].merging(overrides) { _, override in override }
    }

    /// Runs `ferry migrate up` with `environment` (a fixture's database), or throws its output.
    public static func migrate(environment: [String: String], directory: URL) throws {
        let migrate = try ManagedProcess(
            executable: ferryBinary, arguments: ["migrate", "up"], environment: environment,
            logFile: directory.appendingPathComponent("migrate.log"), workingDirectory: directory)
        guard migrate.waitForExit(seconds: 30) == 0 else {
            throw SocketConnection.Failure(description: "ferry migrate up failed:\n\(migrate.log)")
        }
    }

    /// A fresh directory under /tmp (short, so unix socket paths stay under 108 bytes).
    public static func makeTemporaryDirectory(_ prefix: String = "ferry") throws -> URL {
        var template = Array("/tmp/\(prefix)-XXXXXX".utf8CString)
        guard let created = mkdtemp(&template) else { throw SocketConnection.Failure(description: "mkdtemp failed") }
        let path = String(cString: created)
        chmod(path, 0o755)  // nginx's workers (nobody when nginx starts as root) must reach sockets in it
        return URL(fileURLWithPath: path)
    }

    /// A TCP port that was free a moment ago on 127.0.0.1.
    public static func freePort() -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Polls `condition` every 20 ms until it holds or `seconds` pass.
    @discardableResult
    public static func wait(seconds: Double, for condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            usleep(20_000)
        }
        return condition()
    }
}
