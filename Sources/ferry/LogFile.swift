#if canImport(Glibc)
import Glibc
#endif

/// `--log-file`: standard error redirected to a file opened for appending, so every log
/// line (Ferry's and any library's) lands there. `reopen()` (on SIGUSR1) opens the path
/// again after logrotate has moved the old file away.
struct LogFile: Sendable {
    let path: String

    /// Points fd 2 at the file; on failure, says so on the old standard error and returns false.
    @discardableResult
    func reopen() -> Bool {
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o640)
        guard fd >= 0 else {
            FileDescriptorOutput.standardError.print("ferry: cannot open --log-file \(path): \(String(cString: strerror(errno)))")
            return false
        }
        dup2(fd, 2)
        close(fd)
        return true
    }
}
