/// A test fixture that could not be set up, with what went wrong.
struct SetupFailure: Error, CustomStringConvertible {
    let description: String
}
