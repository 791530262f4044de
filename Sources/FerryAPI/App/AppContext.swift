import Database

/// What every handler receives beside the request: the request's database session,
/// which checks a connection out of the worker's pool only when first used.
/// One request, one thread: the context is never shared.
public final class AppContext {
    public let requestID: String
    public let session: Session

    public init(requestID: String, session: Session) {
        self.requestID = requestID
        self.session = session
    }
}
