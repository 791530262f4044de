import FastCGI
import FerryAPI
import Prefork
#if canImport(Glibc)
import Glibc
#endif

/// The prefork master: binds the socket once, then spawns and supervises `ferry serve
/// --worker-slot N` processes of this same executable. It opens no database itself.
struct MasterMode {
    let options: ServeCommand
    let threads: Int

    func run(workers: Int, address: ListenAddress) -> Never {
        let environment = Runtime.environment()
        let logger = Runtime.bootstrapLogging(environment: environment)
        // A bad configuration value stops here, once, rather than in every worker.
        Runtime.logWarnings(of: Runtime.configuration(from: environment), to: logger)
        let descriptor: Int32
        do {
            descriptor = try FastCGIServer.openListeningSocket(address, backlog: options.backlog, socketMode: mode_t(options.socketMode, radix: 8)!)
        } catch {
            Runtime.fail(error.description)
        }
        let options = self.options
        let threads = self.threads
        var socketPath: String?
        if case .unix(let path) = address { socketPath = path }
        let configuration = MasterConfiguration(
            workers: workers, threadsPerWorker: threads, gracePeriod: options.gracePeriod,
            requestTimeout: options.requestTimeout > 0 ? options.requestTimeout : nil,
            executable: Self.executablePath(),
            workerArguments: { slot in
                ["serve", "--worker-slot", String(slot), "--threads", String(threads),
                 "--max-requests", String(options.maxRequests), "--grace-period", String(options.gracePeriod)]
                    + (options.logFile.map { ["--log-file", $0] } ?? [])
            },
            socketPath: socketPath,
            reopenLogs: { if let path = options.logFile { LogFile(path: path).reopen() } })
        logger.notice("listening on \(address) (master)")
        do {
            let master = try Master(configuration: configuration, listenDescriptor: descriptor) { logger.notice("\($0)") }
            exit(master.run())
        } catch {
            Runtime.fail(error.description)
        }
    }

    /// This executable's path, read now: a reload then runs whatever binary is installed
    /// at that path (after an upgrade, /proc/self/exe itself would read "... (deleted)").
    static func executablePath() -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard length > 0 else { return CommandLine.arguments[0] }
        return String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
