import Foundation

/// A child process a test starts and stops: the `ferry` binary, nginx, spawn-fcgi.
/// Its standard error goes to a log file the test can read when something fails.
public final class ManagedProcess: @unchecked Sendable {
    public let process = Process()
    public let logFile: URL

    public init(executable: String, arguments: [String], environment: [String: String] = [:], logFile: URL,
                workingDirectory: URL? = nil, standardInput: FileHandle? = nil) throws {
        self.logFile = logFile
        FileManager.default.createFile(atPath: logFile.path, contents: nil)
        let log = try FileHandle(forWritingTo: logFile)
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        process.standardOutput = log
        process.standardError = log
        if let standardInput { process.standardInput = standardInput }
        if let workingDirectory { process.currentDirectoryURL = workingDirectory }
        try process.run()
    }

    public var pid: Int32 { process.processIdentifier }
    public var isRunning: Bool { process.isRunning }

    public func signal(_ signal: Int32) { kill(process.processIdentifier, signal) }

    /// Waits for the process to end; nil when it is still running after `seconds`.
    public func waitForExit(seconds: Double) -> Int32? {
        guard TestEnvironment.wait(seconds: seconds, for: { !process.isRunning }) else { return nil }
        return process.terminationStatus
    }

    public var log: String { (try? String(contentsOf: logFile, encoding: .utf8)) ?? "" }

    /// Stops it for good (SIGKILL after a grace period) so no test leaves processes behind.
    public func stop() {
        guard process.isRunning else { return }
        signal(SIGTERM)
        if waitForExit(seconds: 5) == nil {
            signal(SIGKILL)
            _ = waitForExit(seconds: 5)
        }
    }

    deinit { stop() }
}
