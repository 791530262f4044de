/// What every handler receives beside the request. It grows with the application
/// (the database session arrives with the data layer).
public final class AppContext: Sendable {
    public let requestID: String

    init(requestID: String) {
        self.requestID = requestID
    }
}
