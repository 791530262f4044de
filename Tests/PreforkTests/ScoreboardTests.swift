import Glibc
import Prefork
import Testing

/// The scoreboard as master and worker see it: two mappings of one memfd.
@Suite struct ScoreboardTests {
    @Test func aWorkersWritesAreSeenThroughAnotherMapping() throws {
        let master = try Scoreboard.create(workerSlots: 4, threadsPerWorker: 2)
        master.configuredWorkers = 3
        master.generation = 2
        master.claim(slot: 1, generation: 2)
        master.setPID(4242, slot: 1)

        // What a spawned worker does with the descriptor it inherits.
        let worker = try Scoreboard.attach(descriptor: dup(master.descriptor))
        #expect(worker.workerSlots == 4)
        #expect(worker.threadsPerWorker == 2)
        #expect(worker.masterPID == getpid())
        #expect(worker.configuredWorkers == 3)
        worker.setState(.ready, slot: 1)
        worker.requestStarted(slot: 1, thread: 1, label: "GET /users/7")

        let seen = try #require(master.worker(slot: 1))
        #expect(seen.pid == 4242)
        #expect(seen.state == .ready)
        #expect(seen.generation == 2)
        #expect(seen.requests.map(\.label) == ["GET /users/7"])
        #expect(seen.requests.map(\.thread) == [1])

        worker.requestFinished(slot: 1, thread: 1)
        worker.requestStarted(slot: 1, thread: 0, label: "POST /auth/register")
        worker.requestFinished(slot: 1, thread: 0)
        let after = try #require(master.worker(slot: 1))
        #expect(after.requests.isEmpty)
        #expect(after.requestsServed == 2)
        #expect(master.snapshot().map(\.slot) == [1])
    }

    @Test func claimingASlotClearsWhatTheLastWorkerLeft() throws {
        let board = try Scoreboard.create(workerSlots: 1, threadsPerWorker: 1)
        board.claim(slot: 0, generation: 1)
        board.setPID(100, slot: 0)
        board.requestStarted(slot: 0, thread: 0, label: "GET /slow")
        board.setState(.stopping, slot: 0)
        board.release(slot: 0)
        #expect(board.worker(slot: 0) == nil)

        board.claim(slot: 0, generation: 2)
        board.setPID(101, slot: 0)
        let fresh = try #require(board.worker(slot: 0))
        #expect(fresh.state == .starting)
        #expect(fresh.requests.isEmpty)
        #expect(fresh.requestsServed == 0)
        #expect(fresh.generation == 2)
    }

    @Test func longLabelsAreCutToTheirSlot() throws {
        let board = try Scoreboard.create(workerSlots: 1, threadsPerWorker: 1)
        board.claim(slot: 0, generation: 1)
        board.setPID(1, slot: 0)
        board.requestStarted(slot: 0, thread: 0, label: "GET /" + String(repeating: "x", count: 500))
        let label = try #require(board.worker(slot: 0)?.requests.first?.label)
        #expect(label.utf8.count == 64)
        #expect(label.hasPrefix("GET /xxx"))
    }

    @Test func aDescriptorThatIsNotAScoreboardIsRefused() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer { close(fds[0]); close(fds[1]) }
        #expect(throws: PreforkError.self) { try Scoreboard.attach(descriptor: fds[0]) }
    }
}
