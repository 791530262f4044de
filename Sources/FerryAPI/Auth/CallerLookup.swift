/// The user a bearer token names, read once, when first asked: the answer (or the
/// error the token earns) is kept and given again to every later ask.
final class CallerLookup {
    private var read: (() throws -> User)?
    private var outcome: Result<User, any Error>?

    init(read: @escaping () throws -> User) {
        self.read = read
    }

    init(known user: User) {
        outcome = .success(user)
    }

    func user() throws -> User {
        if let read {
            self.read = nil
            outcome = Result { try read() }
        }
        return try outcome!.get()
    }
}
