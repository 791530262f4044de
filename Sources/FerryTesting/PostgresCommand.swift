import Foundation

/// Runs PostgreSQL's server programs, as the `postgres` OS user when we are root
/// (the server refuses to run as root).
enum PostgresCommand {
    static let binDirectory = ProcessInfo.processInfo.environment["FERRY_PG_BIN"] ?? "/usr/lib/postgresql/15/bin"

    static var isRoot: Bool { getuid() == 0 }

    /// Runs `program` with `arguments`, waits, and throws with its output on failure.
    @discardableResult
    static func run(_ program: String, _ arguments: [String]) throws -> String {
        let executable = "\(binDirectory)/\(program)"
        let argv = isRoot ? ["/usr/sbin/runuser", "-u", "postgres", "--", executable] + arguments : [executable] + arguments
        // Output goes to a file, not a pipe: the server that pg_ctl leaves running
        // would otherwise hold the pipe open and hang the reader.
        let outputPath = NSTemporaryDirectory() + "ferry-pg-\(UUID().uuidString).out"
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        let pid = try spawn(argv, outputPath: outputPath)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        let exitCode = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        guard exitCode == 0 else {
            throw PostgresServerError("\(program) \(arguments.joined(separator: " ")) failed (\(exitCode)): \(text)")
        }
        return text
    }

    /// Starts `argv` with stdin from /dev/null and stdout+stderr to `outputPath`.
    /// posix_spawn rather than Foundation's Process, whose waitUntilExit can hang
    /// when called from a test's thread.
    static func spawn(_ argv: [String], outputPath: String = "/dev/null") throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let cArguments = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, argv[0], &actions, nil, cArguments, environ)
        guard rc == 0 else { throw PostgresServerError("cannot start \(argv[0]) (error \(rc))") }
        return pid
    }

    /// Gives `path` to the `postgres` user when we are root.
    static func handOver(_ path: String) throws {
        guard isRoot else { return }
        guard let entry = getpwnam("postgres") else { throw PostgresServerError("there is no `postgres` OS user") }
        guard chown(path, entry.pointee.pw_uid, entry.pointee.pw_gid) == 0 else {
            throw PostgresServerError("cannot chown \(path) to postgres (errno \(errno))")
        }
    }

    /// A free TCP port on 127.0.0.1 (asked of the kernel, then released).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw PostgresServerError("socket() failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else { throw PostgresServerError("cannot find a free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
