/// The databases every data test runs on.
public enum DatabaseBackend: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqlite
    case postgresql

    public var description: String { rawValue }
}
