import HTTP

/// One request, one transaction: commits when the handler answers 2xx/3xx, rolls back
/// on a 4xx/5xx answer or a thrown error, and always returns the connection to the pool.
public struct DatabaseSessionMiddleware: Middleware {
    public init() {}

    public func handle(_ request: Request, context: AppContext, next: (Request, AppContext) throws -> Response) throws -> Response {
        let session = context.session
        defer { session.close() }
        let response: Response
        do {
            response = try next(request, context)
        } catch {
            try? session.rollback()
            throw error
        }
        if response.status.isSuccess { try session.commit() } else { try session.rollback() }
        return response
    }
}
