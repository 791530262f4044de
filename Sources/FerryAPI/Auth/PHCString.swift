/// The parameters read back from an argon2id PHC string
/// (`$argon2id$v=19$m=65536,t=2,p=1$<salt>$<hash>`), without decoding salt or hash.
struct PHCString: Equatable {
    var version: UInt32
    var parameters: PasswordHashParameters

    /// Nil unless `encoded` is an argon2id string in the shape libargon2 writes.
    init?(_ encoded: String) {
        let fields = encoded.split(separator: "$", omittingEmptySubsequences: false)
        // "", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash
        guard fields.count == 6, fields[0].isEmpty, fields[1] == "argon2id",
              fields[2].hasPrefix("v="), let version = UInt32(fields[2].dropFirst(2)),
              Self.isBase64(fields[4]), Self.isBase64(fields[5])
        else { return nil }
        let costs = fields[3].split(separator: ",", omittingEmptySubsequences: false)
        guard costs.count == 3,
              costs[0].hasPrefix("m="), let m = UInt32(costs[0].dropFirst(2)),
              costs[1].hasPrefix("t="), let t = UInt32(costs[1].dropFirst(2)),
              costs[2].hasPrefix("p="), let p = UInt32(costs[2].dropFirst(2))
        else { return nil }
        self.version = version
        self.parameters = PasswordHashParameters(memoryKiB: m, iterations: t, parallelism: p)
    }

    /// Standard base64 alphabet without padding, as libargon2 writes salt and tag.
    private static func isBase64(_ text: Substring) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "/"): true
            default: false
            }
        }
    }
}
