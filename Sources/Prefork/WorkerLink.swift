#if canImport(Glibc)
import Glibc
#endif
import CPrefork

/// A worker's side of the scoreboard: it marks its state and each request's start and
/// end, and reads the whole board for the status page.
///
/// Under a master it attaches to the inherited scoreboard and asks the kernel for SIGTERM
/// should the master die (however it dies), so no worker outlives its pool. Alone (under
/// spawn-fcgi or supervisord) it keeps a private one-slot board, so the status page and
/// --max-requests work the same way.
public final class WorkerLink: Sendable {
    public let scoreboard: Scoreboard
    public let slot: Int
    /// True under a Ferry master.
    public let isSupervised: Bool

    private init(scoreboard: Scoreboard, slot: Int, isSupervised: Bool) {
        self.scoreboard = scoreboard
        self.slot = slot
        self.isSupervised = isSupervised
    }

    /// In a worker the master spawned: the scoreboard on fd 3, the slot it was given.
    public static func attach(slot: Int, descriptor: Int32 = Scoreboard.workerDescriptor) throws(PreforkError) -> WorkerLink {
        let board = try Scoreboard.attach(descriptor: descriptor)
        guard slot >= 0 && slot < board.workerSlots else { throw PreforkError("worker slot \(slot) is not on the scoreboard") }
        ferry_set_parent_death_signal(SIGTERM)
        // The master may have died before the line above: then our parent is someone else.
        guard getppid() == board.masterPID else { throw PreforkError("the master (pid \(board.masterPID)) is gone") }
        return WorkerLink(scoreboard: board, slot: slot, isSupervised: true)
    }

    /// A worker running on its own.
    public static func standalone(threads: Int) throws(PreforkError) -> WorkerLink {
        let board = try Scoreboard.create(workerSlots: 1, threadsPerWorker: threads)
        board.configuredWorkers = 1
        board.generation = 1
        board.claim(slot: 0, generation: 1)
        board.setPID(getpid(), slot: 0)
        return WorkerLink(scoreboard: board, slot: 0, isSupervised: false)
    }

    public func setState(_ state: WorkerState) { scoreboard.setState(state, slot: slot) }

    public func requestStarted(thread: Int, label: String) { scoreboard.requestStarted(slot: slot, thread: thread, label: label) }

    public func requestFinished(thread: Int) { scoreboard.requestFinished(slot: slot, thread: thread) }

    public var requestsServed: Int { scoreboard.worker(slot: slot)?.requestsServed ?? 0 }
}
