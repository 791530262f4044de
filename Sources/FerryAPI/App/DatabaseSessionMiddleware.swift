import HTTP

/// One request, one transaction: commits when the handler answers 2xx/3xx, rolls back
/// on a 4xx/5xx answer or a thrown error, and always returns the connection to the pool.
///
/// GET and HEAD requests run read-only (`TransactionMode.readOnly`): their handlers must
/// not write, and a write fails with `DatabaseError.readOnlyTransaction`, a logged 500.
/// In exchange, on PostgreSQL their COMMIT is sent without waiting for the answer,
/// which cannot change the response. Other methods wait for COMMIT before answering.
public struct DatabaseSessionMiddleware: Middleware {
    public init() {}

    public func handle(_ request: Request, context: AppContext, next: (Request, AppContext) throws -> Response) throws -> Response {
        let session = context.session
        defer { session.close() }
        if request.method == .get || request.method == .head {
            try session.setTransactionMode(.readOnly)
        }
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
