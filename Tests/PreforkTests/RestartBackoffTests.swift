import Prefork
import Testing

/// When the master restarts a dying worker (times passed in; no clock).
@Suite struct RestartBackoffTests {
    @Test func aWorkerThatRanAWhileIsReplacedAtOnce() {
        var backoff = RestartBackoff()
        #expect(backoff.recordFailure(lifetime: 60) == 0)
        #expect(backoff.consecutiveFailures == 0)
    }

    @Test func workersDyingYoungWaitLongerEachTimeUpToTheMaximum() {
        var backoff = RestartBackoff(initial: 0.1, maximum: 1, healthyLifetime: 5)
        let delays = (0..<6).map { _ in backoff.recordFailure(lifetime: 0.2) }
        #expect(delays == [0.1, 0.2, 0.4, 0.8, 1, 1])
        #expect(backoff.consecutiveFailures == 6)
    }

    @Test func aReadyWorkerOrALongLifeResetsIt() {
        var backoff = RestartBackoff()
        _ = backoff.recordFailure(lifetime: 0.1)
        _ = backoff.recordFailure(lifetime: 0.1)
        backoff.reset()
        #expect(backoff.recordFailure(lifetime: 0.1) == 0.1)
        #expect(backoff.recordFailure(lifetime: 10) == 0)
        #expect(backoff.recordFailure(lifetime: 0.1) == 0.1)
    }
}
