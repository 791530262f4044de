import Glibc
import Prefork
import Testing

/// The "why it died" part of the master's log lines, from real child processes.
@Suite struct ExitStatusTests {
    @Test(arguments: [("exit 3", "exited with status 3"), ("kill -9 $$", "killed by SIGKILL"),
                      ("kill -SEGV $$", "killed by SIGSEGV"), ("true", "exited with status 0")])
    func describesHowAChildEnded(script: String, expected: String) {
        var pid: pid_t = 0
        let words: [String] = ["/bin/sh", "-c", script]
        let argv: [UnsafeMutablePointer<CChar>?] = words.map { word in strdup(word) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        #expect(posix_spawn(&pid, "/bin/sh", nil, nil, argv, environ) == 0)
        var status: Int32 = 0
        #expect(waitpid(pid, &status, 0) == pid)
        #expect(ExitStatus(waitStatus: status).description == expected)
    }

    @Test func namesTheSignalsOperatorsSend() {
        #expect([SIGTERM, SIGQUIT, SIGHUP, SIGUSR1, SIGKILL].map(SignalName.of) == ["SIGTERM", "SIGQUIT", "SIGHUP", "SIGUSR1", "SIGKILL"])
        #expect(SignalName.of(63) == "signal 63")
    }
}
