/// A snapshot of a `ConnectionPool`, for `/health` and `/health/db`.
public struct PoolStatus: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Connections kept open when idle (`DB_POOL_SIZE`).
    public var size: Int
    /// Connections allowed beyond `size` under load (`DB_MAX_OVERFLOW`).
    public var maxOverflow: Int
    /// Open connections waiting in the pool.
    public var checkedIn: Int
    /// Connections in use by sessions.
    public var checkedOut: Int
    /// Open connections beyond `size` (0 when at or under `size`).
    public var overflow: Int
    /// Open connections (checked in + checked out).
    public var total: Int

    public init(size: Int, maxOverflow: Int, checkedIn: Int, checkedOut: Int, overflow: Int, total: Int) {
        self.size = size
        self.maxOverflow = maxOverflow
        self.checkedIn = checkedIn
        self.checkedOut = checkedOut
        self.overflow = overflow
        self.total = total
    }

    public var description: String {
        "size \(size), checked in \(checkedIn), checked out \(checkedOut), overflow \(overflow)/\(maxOverflow), total \(total)"
    }
}
