/// The master's record of one worker it spawned.
struct WorkerProcess {
    let pid: Int32
    let slot: Int
    let generation: Int
    /// Monotonic nanoseconds at spawn.
    let spawnedAt: Int64
    /// It reached ready at least once (a worker that dies before is a start-up failure).
    var wasReady = false
    /// It reached --max-requests and is finishing; its replacement is already started.
    var retiring = false
    /// Why the master told it to stop, if it did (it is then expected to exit).
    var stopReason: String?

    /// Counts towards the pool size: a current-generation worker nobody asked to leave.
    func isActive(generation current: Int) -> Bool {
        generation == current && !retiring && stopReason == nil
    }
}
