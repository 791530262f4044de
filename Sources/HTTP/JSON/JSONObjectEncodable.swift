/// A value written as a JSON object by listing its members once, in `encodeMembers`. Ferry's
/// streaming encoder has the members write themselves straight into its bytes (no keyed
/// container, no `CodingKey` conversion, no dynamic dispatch per member: a fifth of a worker
/// on a page of posts went there); any other `Encoder` (Foundation's `JSONEncoder`, the
/// fallback and what the tests compare against) gets the same members through a keyed container.
///
/// Keys are given in their final JSON form (`"view_count"`): plain ASCII without upper-case
/// letters, which `.convertToSnakeCase` leaves as they are, so both ways write the same keys.
public protocol JSONObjectEncodable: Encodable {
    func encodeMembers(to object: inout JSONObjectMembers) throws
}

extension JSONObjectEncodable {
    /// Also what a `Codable` type conforming here encodes with: this wins over a synthesized one.
    public func encode(to encoder: any Encoder) throws {
        var object = JSONObjectMembers(container: encoder.container(keyedBy: JSONPathKey.self))
        try encodeMembers(to: &object)
    }
}
