import Synchronization

/// The column names of one result, shared by all its rows, with a lookup that
/// accepts both the column name (`created_at`) and its camelCase form (`createdAt`),
/// so `Decodable` records need no `CodingKeys`.
public final class ColumnIndex: Sendable {
    public let names: [String]
    private let positions: [String: Int]

    init(names: [String]) {
        self.names = names
        var positions: [String: Int] = [:]
        positions.reserveCapacity(names.count * 2)
        // The first column of a name wins, as in SQL itself.
        for (i, name) in names.enumerated().reversed() {
            positions[name] = i
            let camel = Self.camelCase(name)
            if camel != name { positions[camel] = i }
        }
        self.positions = positions
    }

    /// The `RowDecodable` type whose `columns` these names last matched (`RowReader.check`):
    /// a prepared statement keeps one index for all its results, so the names are compared
    /// once, not on every request (a product's thirteen were 6 % of its instructions).
    private let matchedRecord = Atomic<UInt>(0)

    public var count: Int { names.count }

    func isKnownToMatch(_ record: any RowDecodable.Type) -> Bool {
        matchedRecord.load(ordering: .relaxed) == UInt(bitPattern: ObjectIdentifier(record))
    }

    func rememberMatch(_ record: any RowDecodable.Type) {
        matchedRecord.store(UInt(bitPattern: ObjectIdentifier(record)), ordering: .relaxed)
    }

    public func position(of name: String) -> Int? {
        positions[name]
    }

    static func camelCase(_ snake: String) -> String {
        guard snake.contains("_") else { return snake }
        var out = ""
        var upperNext = false
        for ch in snake {
            if ch == "_" {
                upperNext = !out.isEmpty
            } else if upperNext {
                out += ch.uppercased()
                upperNext = false
            } else {
                out.append(ch)
            }
        }
        return out
    }
}
