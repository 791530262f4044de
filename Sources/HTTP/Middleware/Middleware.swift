/// Code that wraps every request: it may change the request, answer it itself, or look at
/// (and change) the response the rest of the chain produced.
public protocol Middleware<Context>: Sendable {
    associatedtype Context
    func handle(_ request: Request, context: Context, next: (Request, Context) throws -> Response) throws -> Response
}
