import Database
import HTTP

extension JSONObjectMembers {
    /// An amount as its two-digit decimal string, which is what `Money`'s `Encodable` writes,
    /// without the generic path's frame: every product and order line has one.
    mutating func encode(_ value: Money, forKey key: StaticString) throws {
        try encode(value.description, forKey: key)
    }
}
