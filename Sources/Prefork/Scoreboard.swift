#if canImport(Glibc)
import Glibc
#endif
import CPrefork
import Synchronization

/// Shared memory between the master and its workers (PHP-FPM calls it the scoreboard):
/// one slot per worker process, and in it one slot per thread with the start time of the
/// request it is answering. Workers write their own slot; the master reads every slot to
/// find requests running past --request-timeout, and any worker reads them all to answer
/// the status page.
///
/// It is a memfd mapped MAP_SHARED: no file to clean up, and workers get it as an
/// inherited descriptor. Every field is a 64-bit atomic, except the request labels, which
/// are only ever shown in log lines (a torn label is harmless).
public final class Scoreboard: @unchecked Sendable {
    /// The descriptor a worker finds the scoreboard on (after the listening socket on 0).
    public static let workerDescriptor: Int32 = 3

    public let descriptor: Int32
    public let workerSlots: Int
    public let threadsPerWorker: Int
    private let words: UnsafeMutablePointer<Atomic<Int64>>
    private let byteCount: Int

    static let magic: Int64 = 0x4645_5252_5953_4231  // "FERRYSB1"
    static let headerWords = 8
    static let workerHeaderWords = 8
    static let threadWords = 12
    static let labelOffsetWords = 4
    static let labelBytes = 64

    private enum Header: Int { case magic = 0, workerSlots, threadsPerWorker, masterPID, configuredWorkers, generation, masterStartedAt }
    private enum WorkerField: Int { case pid = 0, state, generation, startedAt, requestsServed }
    private enum ThreadField: Int { case requestStartedAt = 0, requestsServed, labelLength }

    /// A new scoreboard (in the master, or in a worker that runs alone).
    public static func create(workerSlots: Int, threadsPerWorker: Int) throws(PreforkError) -> Scoreboard {
        let fd = ferry_memfd_create("ferry-scoreboard", 0)
        guard fd >= 0 else { throw PreforkError("memfd_create failed: \(String(cString: strerror(errno)))") }
        let size = byteSize(workerSlots: workerSlots, threadsPerWorker: threadsPerWorker)
        guard ftruncate(fd, off_t(size)) == 0 else {
            close(fd)
            throw PreforkError("cannot size the scoreboard: \(String(cString: strerror(errno)))")
        }
        let board = try Scoreboard(descriptor: fd, workerSlots: workerSlots, threadsPerWorker: threadsPerWorker)
        board.setHeader(.magic, magic)
        board.setHeader(.workerSlots, Int64(workerSlots))
        board.setHeader(.threadsPerWorker, Int64(threadsPerWorker))
        board.setHeader(.masterPID, Int64(getpid()))
        board.setHeader(.masterStartedAt, MonotonicClock.wallNow())
        return board
    }

    /// The master's scoreboard, inherited on `descriptor` (in a worker).
    public static func attach(descriptor: Int32) throws(PreforkError) -> Scoreboard {
        var header = [Int64](repeating: 0, count: 3)
        let got = header.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard got == 24, header[0] == magic, header[1] > 0, header[2] > 0 else {
            throw PreforkError("fd \(descriptor) is not a Ferry scoreboard")
        }
        return try Scoreboard(descriptor: descriptor, workerSlots: Int(header[1]), threadsPerWorker: Int(header[2]))
    }

    private init(descriptor: Int32, workerSlots: Int, threadsPerWorker: Int) throws(PreforkError) {
        let size = Self.byteSize(workerSlots: workerSlots, threadsPerWorker: threadsPerWorker)
        let mapped = mmap(nil, size, PROT_READ | PROT_WRITE, MAP_SHARED, descriptor, 0)
        guard let mapped, mapped != MAP_FAILED else {
            throw PreforkError("cannot map the scoreboard: \(String(cString: strerror(errno)))")
        }
        self.descriptor = descriptor
        self.workerSlots = workerSlots
        self.threadsPerWorker = threadsPerWorker
        self.byteCount = size
        self.words = mapped.bindMemory(to: Atomic<Int64>.self, capacity: size / 8)
    }

    deinit { munmap(words, byteCount) }

    static func byteSize(workerSlots: Int, threadsPerWorker: Int) -> Int {
        8 * (headerWords + workerSlots * (workerHeaderWords + threadsPerWorker * threadWords))
    }

    // MARK: header

    public var masterPID: Int32 { Int32(header(.masterPID)) }
    public var masterStartedAt: Int64 { header(.masterStartedAt) }

    /// The pool size the master keeps (shown on the status page).
    public var configuredWorkers: Int {
        get { Int(header(.configuredWorkers)) }
        set { setHeader(.configuredWorkers, Int64(newValue)) }
    }

    public var generation: Int {
        get { Int(header(.generation)) }
        set { setHeader(.generation, Int64(newValue)) }
    }

    // MARK: worker slots (the master claims and frees them; the worker moves its state)

    /// Resets a slot for a worker about to be spawned (before, so that the worker's own
    /// first write cannot be overwritten); `setPID` completes it.
    public func claim(slot: Int, generation: Int) {
        for thread in 0..<threadsPerWorker {
            threadWord(slot, thread, .requestStartedAt).pointee.store(0, ordering: .relaxed)
            threadWord(slot, thread, .requestsServed).pointee.store(0, ordering: .relaxed)
        }
        workerWord(slot, .requestsServed).pointee.store(0, ordering: .relaxed)
        workerWord(slot, .generation).pointee.store(Int64(generation), ordering: .relaxed)
        workerWord(slot, .startedAt).pointee.store(MonotonicClock.wallNow(), ordering: .relaxed)
        workerWord(slot, .state).pointee.store(WorkerState.starting.rawValue, ordering: .releasing)
    }

    public func setPID(_ pid: Int32, slot: Int) {
        workerWord(slot, .pid).pointee.store(Int64(pid), ordering: .releasing)
    }

    public func release(slot: Int) {
        workerWord(slot, .pid).pointee.store(0, ordering: .relaxed)
        workerWord(slot, .state).pointee.store(WorkerState.empty.rawValue, ordering: .releasing)
    }

    public func setState(_ state: WorkerState, slot: Int) {
        workerWord(slot, .state).pointee.store(state.rawValue, ordering: .releasing)
    }

    public func state(slot: Int) -> WorkerState {
        WorkerState(rawValue: workerWord(slot, .state).pointee.load(ordering: .acquiring)) ?? .empty
    }

    // MARK: requests (each worker thread writes only its own slot)

    public func requestStarted(slot: Int, thread: Int, label: String) {
        guard thread < threadsPerWorker else { return }
        let bytes = Array(label.utf8.prefix(Self.labelBytes))
        let labelStart = UnsafeMutableRawPointer(threadWordPointer(slot, thread, Self.labelOffsetWords))
        bytes.withUnsafeBytes { labelStart.copyMemory(from: $0.baseAddress!, byteCount: bytes.count) }
        threadWord(slot, thread, .labelLength).pointee.store(Int64(bytes.count), ordering: .relaxed)
        threadWord(slot, thread, .requestStartedAt).pointee.store(MonotonicClock.now(), ordering: .releasing)
    }

    public func requestFinished(slot: Int, thread: Int) {
        guard thread < threadsPerWorker else { return }
        threadWord(slot, thread, .requestStartedAt).pointee.store(0, ordering: .releasing)
        threadWord(slot, thread, .requestsServed).pointee.wrappingAdd(1, ordering: .relaxed)
        workerWord(slot, .requestsServed).pointee.wrappingAdd(1, ordering: .relaxed)
    }

    /// Every occupied slot, in slot order.
    public func snapshot() -> [WorkerSnapshot] {
        (0..<workerSlots).compactMap(worker)
    }

    public func worker(slot: Int) -> WorkerSnapshot? {
        let pid = workerWord(slot, .pid).pointee.load(ordering: .acquiring)
        guard pid != 0 else { return nil }
        let now = MonotonicClock.now()
        var requests: [RequestSnapshot] = []
        for thread in 0..<threadsPerWorker {
            let started = threadWord(slot, thread, .requestStartedAt).pointee.load(ordering: .acquiring)
            guard started != 0 else { continue }
            let length = min(Self.labelBytes, max(0, Int(threadWord(slot, thread, .labelLength).pointee.load(ordering: .relaxed))))
            let labelStart = UnsafeRawPointer(threadWordPointer(slot, thread, Self.labelOffsetWords))
            let label = String(decoding: UnsafeRawBufferPointer(start: labelStart, count: length), as: UTF8.self)
            requests.append(RequestSnapshot(thread: thread, label: label, runningFor: max(0, now - started)))
        }
        return WorkerSnapshot(
            slot: slot, pid: Int32(pid), state: state(slot: slot),
            generation: Int(workerWord(slot, .generation).pointee.load(ordering: .relaxed)),
            startedAt: workerWord(slot, .startedAt).pointee.load(ordering: .relaxed),
            requestsServed: Int(workerWord(slot, .requestsServed).pointee.load(ordering: .relaxed)),
            requests: requests)
    }

    // MARK: layout

    private func header(_ field: Header) -> Int64 { words[field.rawValue].load(ordering: .acquiring) }
    private func setHeader(_ field: Header, _ value: Int64) { words[field.rawValue].store(value, ordering: .releasing) }

    private func workerBase(_ slot: Int) -> Int {
        precondition(slot >= 0 && slot < workerSlots, "scoreboard slot \(slot) out of range")
        return Self.headerWords + slot * (Self.workerHeaderWords + threadsPerWorker * Self.threadWords)
    }

    private func workerWord(_ slot: Int, _ field: WorkerField) -> UnsafeMutablePointer<Atomic<Int64>> {
        words + workerBase(slot) + field.rawValue
    }

    private func threadWordPointer(_ slot: Int, _ thread: Int, _ offset: Int) -> UnsafeMutablePointer<Atomic<Int64>> {
        words + workerBase(slot) + Self.workerHeaderWords + thread * Self.threadWords + offset
    }

    private func threadWord(_ slot: Int, _ thread: Int, _ field: ThreadField) -> UnsafeMutablePointer<Atomic<Int64>> {
        threadWordPointer(slot, thread, field.rawValue)
    }
}
