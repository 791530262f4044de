import FastCGI
import FerryAPI
import HTTP

/// Plain CGI: the request is in the environment and on standard input; the answer goes
/// to standard output, through the same gateway as FastCGI requests.
enum CGIMode {
    static func answerOneRequest() {
        let environment = Runtime.environment()
        let logger = Runtime.bootstrapLogging(environment: environment)
        let settings = Runtime.configuration(from: environment)
        Runtime.logWarnings(of: settings, to: logger)
        let pool = Runtime.openPool(settings, logger: logger)
        let gateway = CGIGateway(
            responder: FerryApplication.make(configuration: settings, pool: pool, logger: logger),
            maxBodySize: settings.maxBodySize)
        let exchange = CGIExchange()
        var body = CGIBody(exchange: exchange)
        exchange.write(CGIGateway.serialize(gateway.respond(params: exchange.params, body: &body)))
    }
}

/// Standard input as a request body.
struct CGIBody: RequestBodySource {
    let exchange: CGIExchange
    mutating func read(upTo count: Int) -> [UInt8] { exchange.read(upTo: count) }
}
