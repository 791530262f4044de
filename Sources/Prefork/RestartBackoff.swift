/// When to restart workers that keep dying: at once after a worker that ran a while,
/// then 0.1 s, 0.2 s, 0.4 s ... up to `maximum` while they keep dying young, so a broken
/// deployment (a bad configuration, a database that refuses) does not spin the CPU.
/// Times are passed in, so the rule is tested without clocks.
public struct RestartBackoff: Sendable, Equatable {
    public var initial: Double
    public var maximum: Double
    /// A worker that lived at least this long resets the back-off.
    public var healthyLifetime: Double
    public private(set) var consecutiveFailures = 0

    public init(initial: Double = 0.1, maximum: Double = 5, healthyLifetime: Double = 5) {
        self.initial = initial
        self.maximum = maximum
        self.healthyLifetime = healthyLifetime
    }

    /// Records an unexpected death after `lifetime` seconds; returns the delay before the
    /// replacement starts.
    public mutating func recordFailure(lifetime: Double) -> Double {
        if lifetime >= healthyLifetime {
            consecutiveFailures = 0
            return 0
        }
        consecutiveFailures += 1
        var delay = initial
        for _ in 1..<consecutiveFailures where delay < maximum { delay *= 2 }
        return min(delay, maximum)
    }

    /// A worker became ready: the deployment works.
    public mutating func reset() { consecutiveFailures = 0 }
}
