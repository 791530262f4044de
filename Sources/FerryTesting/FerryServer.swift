import Foundation

/// A real `ferry serve` worker on a unix socket in its own temporary directory.
public final class FerryServer: @unchecked Sendable {
    public let directory: URL
    public let socketPath: String
    public let process: ManagedProcess

    public init(threads: Int = 4, arguments: [String] = [], environment: [String: String] = [:]) throws {
        directory = try TestEnvironment.makeTemporaryDirectory("ferry-worker")
        socketPath = directory.appendingPathComponent("ferry.sock").path
        let environment = TestEnvironment.ferryEnvironment(directory: directory, environment)
        try TestEnvironment.migrate(environment: environment, directory: directory)
        process = try ManagedProcess(
            executable: TestEnvironment.ferryBinary,
            arguments: ["serve", "--listen", "unix:\(socketPath)", "--threads", String(threads), "--socket-mode", "0666"] + arguments,
            environment: environment, logFile: directory.appendingPathComponent("ferry.log"), workingDirectory: directory)
        let ready = TestEnvironment.wait(seconds: 15) { (try? SocketConnection(unixPath: socketPath)) != nil }
        guard ready else {
            process.stop()
            throw SocketConnection.Failure(description: "ferry did not start listening on \(socketPath):\n\(process.log)")
        }
    }

    public var wireClient: FastCGIWireClient { FastCGIWireClient(.unix(socketPath)) }

    public func stop() { process.stop() }

    deinit {
        process.stop()
        try? FileManager.default.removeItem(at: directory)
    }
}
