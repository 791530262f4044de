/// Path and query values after the router validated them against the route, with the
/// declared defaults filled in.
public struct Parameters: Sendable {
    public var values: [String: JSONValue] = [:]

    public init(_ values: [String: JSONValue] = [:]) { self.values = values }

    public subscript(name: String) -> JSONValue? { values[name] }

    public func int(_ name: String) -> Int? { values[name]?.intValue }
    public func string(_ name: String) -> String? { values[name]?.stringValue }
    public func bool(_ name: String) -> Bool? { values[name]?.boolValue }
    public func double(_ name: String) -> Double? { values[name]?.doubleValue }

    /// A value the route declared as required; its absence is a bug in the route, not the client.
    public func requiredInt(_ name: String) throws -> Int {
        guard let value = int(name) else { throw RouteDeclarationError(message: "parameter '\(name)' is not a declared integer") }
        return value
    }
}

/// A handler read a parameter its route never declared.
public struct RouteDeclarationError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
