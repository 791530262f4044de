import Foundation

/// A real `ferry serve --workers N` master with its workers, on a unix socket in its own
/// temporary directory; `status()` reads `GET /health/pool` straight off the socket.
public final class FerryPool: @unchecked Sendable {
    public let directory: URL
    public let socketPath: String
    public let master: ManagedProcess

    /// Starts the pool and waits until `workers` workers are ready.
    public init(workers: Int, threads: Int, arguments: [String] = [], environment: [String: String] = [:]) throws {
        directory = try TestEnvironment.makeTemporaryDirectory("ferry-pool")
        socketPath = directory.appendingPathComponent("ferry.sock").path
        // A migrated SQLite file of its own unless the caller names a database (an in-memory
        // one cannot be shared by several worker processes, and serve refuses it).
        let environment = TestEnvironment.ferryEnvironment(
            directory: directory, ["JWT_SECRET": FerryPool.testSecret].merging(environment) { $1 })
        try TestEnvironment.migrate(environment: environment, directory: directory)
        master = try ManagedProcess(
            executable: TestEnvironment.ferryBinary,
            arguments: ["serve", "--listen", "unix:\(socketPath)", "--workers", String(workers), "--threads", String(threads),
                        "--socket-mode", "0666"] + arguments,
            environment: environment,
            logFile: directory.appendingPathComponent("ferry.log"), workingDirectory: directory)
        let ready = TestEnvironment.wait(seconds: 20) { [socketPath] in
            ((try? FerryPool.status(socketPath))?.readyWorkers.count ?? 0) >= workers
        }
        guard ready else {
            master.stop()
            throw SocketConnection.Failure(description: "the pool did not come up on \(socketPath):\n\(master.log)")
        }
    }

    public static let testSecret = "pool-test-secret-pool-test-secret-0123456789"

    public var wireClient: FastCGIWireClient { FastCGIWireClient(.unix(socketPath)) }

    public func status() throws -> PoolStatusView { try Self.status(socketPath) }

    static func status(_ socketPath: String) throws -> PoolStatusView {
        let response = try FastCGIWireClient(.unix(socketPath)).send(params: [
            "REQUEST_METHOD": "GET", "DOCUMENT_URI": "/health/pool", "REQUEST_URI": "/health/pool", "QUERY_STRING": "", "CONTENT_LENGTH": "",
        ])
        guard response.status == 200 else { throw SocketConnection.Failure(description: "GET /health/pool: \(response.status)") }
        return try PoolStatusView(response.json)
    }

    public var log: String { master.log }

    deinit {
        // The master's workers die with it (they ask the kernel for SIGTERM when it goes).
        master.stop()
        try? FileManager.default.removeItem(at: directory)
    }
}
