#if canImport(Glibc)
import Glibc
#endif

/// Starts a worker with posix_spawn (never fork: the master must stay free to use
/// threads, and a forked copy of a threaded process is unsafe until it execs).
/// The listening socket becomes the worker's fd 0 and the scoreboard its fd 3; every
/// signal starts at its default and unblocked, whatever the master's mask.
enum Spawner {
    static func spawn(executable: String, arguments: [String], listenDescriptor: Int32, scoreboardDescriptor: Int32) throws(PreforkError) -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // Both sources are above 3 (Master moves them there), so these cannot clobber each other.
        posix_spawn_file_actions_adddup2(&actions, listenDescriptor, 0)
        posix_spawn_file_actions_adddup2(&actions, scoreboardDescriptor, Scoreboard.workerDescriptor)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigfillset(&defaults)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        guard result == 0 else { throw PreforkError("cannot start \(executable): \(String(cString: strerror(result)))") }
        return pid
    }
}
