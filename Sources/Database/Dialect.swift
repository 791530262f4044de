/// The differences between the two databases that the rest of the module asks about.
public enum Dialect: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case sqlite
    case postgresql

    public var description: String { rawValue }

    /// The text of the n-th (1-based) bound parameter: `?` on SQLite, `$n` on PostgreSQL.
    func appendPlaceholder(_ index: Int, to out: inout [UInt8]) {
        switch self {
        case .sqlite:
            out.append(UInt8(ascii: "?"))
        case .postgresql:
            out.append(UInt8(ascii: "$"))
            out.append(contentsOf: String(index).utf8)
        }
    }

    /// Both support `INSERT ... RETURNING` (SQLite since 3.35; Debian 12 ships 3.40).
    public var supportsReturning: Bool { true }

    /// Whether `SELECT ... FOR UPDATE` exists. SQLite has no row locks: a write
    /// transaction begun with `TransactionMode.immediate` serialises writers instead.
    public var supportsRowLocks: Bool { self == .postgresql }

    /// The statement that opens a transaction in the given mode.
    func beginStatement(_ mode: TransactionMode) -> StaticString {
        switch (self, mode) {
        case (.sqlite, .deferred), (.sqlite, .readOnly): "BEGIN"
        case (.sqlite, .immediate): "BEGIN IMMEDIATE"
        // Explicit: a connection that served read-only work defaults to READ ONLY.
        case (.postgresql, .deferred), (.postgresql, .immediate): "BEGIN READ WRITE"
        case (.postgresql, .readOnly): "BEGIN READ ONLY"
        }
    }
}
