/// A bounded least-recently-used map from SQL text to a prepared statement.
///
/// Bounded because `IN` lists of every length are distinct texts; eviction scans
/// for the oldest entry, which only happens on a miss in a full cache.
struct StatementCache<Statement> {
    private struct Slot {
        var statement: Statement
        var lastUse: UInt64
    }

    let capacity: Int
    private var slots: [String: Slot] = [:]
    private var clock: UInt64 = 0

    init(capacity: Int) {
        self.capacity = capacity
    }

    var count: Int { slots.count }

    mutating func lookup(_ key: String) -> Statement? {
        clock &+= 1
        guard let index = slots.index(forKey: key) else { return nil }
        slots.values[index].lastUse = clock
        return slots.values[index].statement
    }

    /// Stores a statement; returns the one evicted to make room, for the caller to free.
    mutating func insert(_ statement: Statement, for key: String) -> Statement? {
        var evicted: Statement?
        if slots.count >= capacity, let oldest = slots.min(by: { $0.value.lastUse < $1.value.lastUse }) {
            evicted = oldest.value.statement
            slots.removeValue(forKey: oldest.key)
        }
        clock &+= 1
        slots[key] = Slot(statement: statement, lastUse: clock)
        return evicted
    }

    mutating func remove(_ key: String) -> Statement? {
        slots.removeValue(forKey: key)?.statement
    }

    /// Empties the cache, returning every statement for the caller to free.
    mutating func removeAll() -> [Statement] {
        defer { slots.removeAll() }
        return slots.values.map(\.statement)
    }
}
