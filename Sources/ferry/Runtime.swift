#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Database
import FerryAPI
import HTTP
import Logging
#if canImport(Glibc)
import Glibc
#endif

/// What every command needs at start: the environment (with `.env`), the configuration
/// and logging. A bad configuration value ends the process with a message naming it.
enum Runtime {
    static func environment() -> [String: String] {
        let dotEnv = try? String(contentsOf: URL(fileURLWithPath: ".env"), encoding: .utf8)
        return DotEnvFile.merged(environment: ProcessInfo.processInfo.environment, fileContents: dotEnv)
    }

    static func configuration(from environment: [String: String]) -> Configuration {
        do {
            return try Configuration.load(from: environment)
        } catch {
            fail("configuration error: \(error)")
        }
    }

    /// Logs what the configuration warned about (a development-mode secret, say).
    static func logWarnings(of configuration: Configuration, to logger: Logger) {
        for warning in configuration.warnings { logger.warning("\(warning)") }
    }

    /// The worker's connection pool, on a database whose schema is current; otherwise
    /// start-up stops with what is wrong and the command that fixes it.
    static func openPool(_ configuration: Configuration, logger: Logger) -> ConnectionPool {
        do {
            return try DatabaseStartup.openPool(configuration.database, logger: logger)
        } catch {
            fail("cannot use the database at \(configuration.database.url): \(error)")
        }
    }

    /// Logs go to standard error (standard output carries CGI responses).
    static func bootstrapLogging(environment: [String: String]) -> Logger {
        let level = environment["LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0.lowercased()) } ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StandardErrorLogHandler(label: label)
            handler.logLevel = level
            return handler
        }
        return Logger(label: "ferry")
    }

    /// The route table alone, for `routes` and `openapi`: nothing is served, so the pool
    /// is never opened and the signing secret never used.
    static var routeTable: Router<AppContext> {
        let unused = Configuration(jwtSecret: Array(repeating: 0x2A, count: 32))
        return FerryApplication.makeRouter(configuration: unused, pool: ConnectionPool(url: .sqliteMemory)) { router in
            PoolStatusRoutes.register(on: &router, link: nil)
        }
    }

    static func fail(_ message: String) -> Never {
        FileDescriptorOutput.standardError.write(Array("ferry: \(message)\n".utf8))
        exit(2)
    }
}
