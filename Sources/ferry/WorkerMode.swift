import FastCGI
import FerryAPI
import HTTP
import Logging
import Prefork
#if canImport(Glibc)
import Glibc
#endif

/// A worker process: opens its own connection pool and serves on the listening socket,
/// spawned by a master (`slot` set: socket on fd 0, scoreboard on fd 3) or on its own.
struct WorkerMode {
    let options: ServeCommand
    let threads: Int

    func run(slot: Int?, address: ListenAddress) {
        let environment = Runtime.environment()
        let logger = Runtime.bootstrapLogging(environment: environment)
        let settings = Runtime.configuration(from: environment)
        // Under a master, the master has said it once already.
        if slot == nil { Runtime.logWarnings(of: settings, to: logger) }
        let link: WorkerLink
        do {
            if let slot {
                link = try WorkerLink.attach(slot: slot)
            } else {
                link = try WorkerLink.standalone(threads: threads)
            }
        } catch {
            Runtime.fail("\(error)")
        }
        let pool = Runtime.openPool(settings, logger: logger)
        let gateway = CGIGateway(
            responder: FerryApplication.make(configuration: settings, pool: pool, logger: logger) { router in
                PoolStatusRoutes.register(on: &router, link: link)
            },
            maxBodySize: settings.maxBodySize)
        // Under a master, say which worker speaks: several share one log.
        let prefix = link.isSupervised ? "worker \(getpid()): " : ""
        let logFile = options.logFile
        let server = FastCGIServer(
            configuration: .init(
                listen: address, threads: threads, backlog: options.backlog, socketMode: mode_t(options.socketMode, radix: 8)!,
                gracePeriod: options.gracePeriod,
                onReady: { link.setState(.ready) },
                onReopenLogs: { if let logFile { LogFile(path: logFile).reopen() } }),
            log: { logger.notice("\(prefix)\($0)") })
        let counter = RequestCounter(limit: options.maxRequests)
        do {
            try server.run { exchange in
                let params = exchange.params
                link.requestStarted(thread: exchange.thread, label: "\(params["REQUEST_METHOD"] ?? "?") \(params["REQUEST_URI"] ?? params["DOCUMENT_URI"] ?? "")")
                var body = FastCGIBody(exchange: exchange)
                let response = gateway.respond(params: params, body: &body)
                exchange.write(CGIGateway.serialize(response))
                link.requestFinished(thread: exchange.thread)
                if counter.countReachesLimit() {
                    // Retiring first: the master starts the replacement while this one finishes.
                    link.setState(.retiring)
                    logger.notice("\(prefix)served \(options.maxRequests) requests (--max-requests): finishing in-flight requests, then exiting")
                    server.stop()
                }
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
