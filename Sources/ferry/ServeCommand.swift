import ArgumentParser
import FastCGI
import FerryAPI
import HTTP
#if canImport(Glibc)
import Glibc
#endif

/// `ferry serve`: the FastCGI worker.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the API over FastCGI.",
        discussion: """
            Listens on --listen; without it, uses the listening socket inherited on fd 0 when \
            started by spawn-fcgi or supervisord's fcgi-program, else 127.0.0.1:9000. \
            SIGTERM, SIGINT and SIGQUIT stop it after the requests in flight are answered.
            """
    )

    @Option(help: "unix:/path/to.sock, HOST:PORT, :PORT or fd:0 (inherited socket).")
    var listen: String?

    @Option(help: "Threads accepting and answering requests, one request each at a time.")
    var threads: Int = 4

    @Option(help: "Permissions of the unix socket, in octal (nginx's workers must be able to write it).")
    var socketMode: String = "0660"

    @Option(help: "Pending connections the kernel queues before refusing.")
    var backlog: Int = 1024

    func validate() throws {
        guard (1...1024).contains(threads) else { throw ValidationError("--threads must be from 1 to 1024") }
        guard mode_t(socketMode, radix: 8) != nil else { throw ValidationError("--socket-mode must be octal, like 0660") }
        if let listen { _ = try ListenAddress(parsing: listen) }
    }

    func run() throws {
        let environment = Runtime.environment()
        let logger = Runtime.bootstrapLogging(environment: environment)
        let settings = Runtime.configuration(from: environment)
        Runtime.logWarnings(of: settings, to: logger)
        let address: ListenAddress
        if let listen {
            address = try ListenAddress(parsing: listen)
        } else {
            address = CGIExchange.standardInputIsListeningSocket ? .inherited : .tcp(host: "127.0.0.1", port: 9000)
        }
        let pool = Runtime.openPool(settings, logger: logger)
        let gateway = CGIGateway(
            responder: FerryApplication.make(configuration: settings, pool: pool, logger: logger),
            maxBodySize: settings.maxBodySize)
        let server = FastCGIServer(
            configuration: .init(listen: address, threads: threads, backlog: backlog, socketMode: mode_t(socketMode, radix: 8)!),
            log: { logger.notice("\($0)") })
        do {
            try server.run { exchange in
                var body = FastCGIBody(exchange: exchange)
                let response = gateway.respond(params: exchange.params, body: &body)
                exchange.write(CGIGateway.serialize(response))
            }
        } catch {
            Runtime.fail(error.description)
        }
    }
}

/// A FastCGI STDIN stream as a request body.
struct FastCGIBody: RequestBodySource {
    let exchange: FastCGIExchange
    mutating func read(upTo count: Int) -> [UInt8] { exchange.read(upTo: count) }
}
