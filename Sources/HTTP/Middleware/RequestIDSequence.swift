import Synchronization

/// The process-wide source of `RequestIDMiddleware`'s ids (generic types cannot hold statics).
enum RequestIDSequence {
    /// The top 32 bits random per process, the low 32 bits counting from a random start.
    private static let counter = Atomic<UInt64>(UInt64.random(in: .min ... .max))
    private static let prefix = UInt64.random(in: .min ... .max) & 0xFFFF_FFFF_0000_0000

    static func next() -> UInt64 {
        prefix | (counter.wrappingAdd(1, ordering: .relaxed).newValue & 0xFFFF_FFFF)
    }
}
