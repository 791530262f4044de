/// argon2id cost parameters, as written into the PHC string (`m=...,t=...,p=...`).
public struct PasswordHashParameters: Sendable, Hashable, CustomStringConvertible {
    /// Memory in KiB (`m`).
    public var memoryKiB: UInt32
    /// Passes over the memory (`t`).
    public var iterations: UInt32
    /// Lanes (`p`); 1 keeps one hash on one worker thread.
    public var parallelism: UInt32

    public init(memoryKiB: UInt32, iterations: UInt32, parallelism: UInt32) {
        self.memoryKiB = memoryKiB
        self.iterations = iterations
        self.parallelism = parallelism
    }

    /// m=32 MiB, t=2, p=1: above OWASP's argon2id floor (m=19 MiB, t=2, p=1).
    ///
    /// Measured on the 2-core build machine (libargon2 20171227, Debian 12) with one hash at a
    /// time: 51 ms best, 59 ms mean over 7 runs. For comparison m=19 MiB,t=2 took 31–42 ms and
    /// m=64 MiB,t=2 111–121 ms. Each concurrent login holds 32 MiB for that long.
    public static let recommended = PasswordHashParameters(memoryKiB: 32 * 1024, iterations: 2, parallelism: 1)

    public var description: String { "m=\(memoryKiB),t=\(iterations),p=\(parallelism)" }
}
