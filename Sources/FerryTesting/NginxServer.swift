import Foundation

/// Real nginx running the repository's own `nginx.conf`, with only its listen port and
/// Ferry's socket path changed, so the end-to-end tests test the shipped configuration.
public final class NginxServer: @unchecked Sendable {
    public let prefix: URL
    public let port: Int
    public let process: ManagedProcess

    public static let shippedListen = "listen 127.0.0.1:8080;"
    public static let shippedSocket = "unix:/tmp/ferry.sock"

    public init(ferrySocket: String, configuration: URL = TestEnvironment.repositoryRoot.appendingPathComponent("nginx.conf")) throws {
        prefix = try TestEnvironment.makeTemporaryDirectory("ferry-nginx")
        for folder in ["logs", "tmp"] {
            try FileManager.default.createDirectory(at: prefix.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        port = TestEnvironment.freePort()
        let shipped = try String(contentsOf: configuration, encoding: .utf8)
        guard shipped.contains(Self.shippedListen), shipped.contains(Self.shippedSocket) else {
            throw SocketConnection.Failure(description: "nginx.conf no longer contains '\(Self.shippedListen)' and '\(Self.shippedSocket)'")
        }
        let adapted = shipped
            .replacingOccurrences(of: Self.shippedListen, with: "listen 127.0.0.1:\(port);")
            .replacingOccurrences(of: Self.shippedSocket, with: "unix:\(ferrySocket)")
        let configFile = prefix.appendingPathComponent("nginx.conf")
        try adapted.write(to: configFile, atomically: true, encoding: .utf8)
        process = try ManagedProcess(
            executable: "/usr/sbin/nginx",
            arguments: ["-p", prefix.path, "-c", configFile.path, "-g", "daemon off;"],
            logFile: prefix.appendingPathComponent("logs/stderr.log"))
        let ready = TestEnvironment.wait(seconds: 10) { (try? SocketConnection(port: port)) != nil }
        guard ready else {
            process.stop()
            throw SocketConnection.Failure(description: "nginx did not start on port \(port):\n\(process.log)\n\(errorLog)")
        }
    }

    public var client: HTTPTestClient { HTTPTestClient(port: port) }

    public var errorLog: String {
        (try? String(contentsOf: prefix.appendingPathComponent("logs/error.log"), encoding: .utf8)) ?? ""
    }

    deinit {
        process.stop()
        try? FileManager.default.removeItem(at: prefix)
    }
}
