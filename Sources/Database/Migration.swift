/// One numbered schema change, declared in code, with the SQL to apply and revert it.
///
/// Per-dialect SQL uses `SQL.dialect(sqlite:postgresql:)`. The SQL is a script
/// (several `;`-separated statements) and binds no values. Once applied, the
/// migration's up SQL must not change: its checksum is recorded and checked.
public struct Migration: Sendable {
    public let version: Int
    public let name: String
    public let up: SQL
    public let down: SQL

    public init(version: Int, name: String, up: SQL, down: SQL) {
        self.version = version
        self.name = name
        self.up = up
        self.down = down
    }

    /// The script for one direction, as the given database will run it.
    public func script(_ direction: MigrationDirection, for dialect: Dialect) -> String {
        (direction == .up ? up : down).rendered(for: dialect).text
    }

    /// FNV-1a (64 bit, hex) of the up script for `dialect`: detects edits, not attacks.
    public func checksum(for dialect: Dialect) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in script(.up, for: dialect).utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
