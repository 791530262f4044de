import FastCGI
import Testing

@Suite struct ListenAddressTests {
    @Test func parsesEveryForm() throws {
        #expect(try ListenAddress(parsing: "unix:/run/ferry.sock") == .unix(path: "/run/ferry.sock"))
        #expect(try ListenAddress(parsing: "/run/ferry.sock") == .unix(path: "/run/ferry.sock"))
        #expect(try ListenAddress(parsing: "127.0.0.1:9000") == .tcp(host: "127.0.0.1", port: 9000))
        #expect(try ListenAddress(parsing: ":9000") == .tcp(host: "", port: 9000))
        #expect(try ListenAddress(parsing: "fd:0") == .inherited)
    }

    @Test(arguments: ["", "unix:", "localhost", "host:0", "host:70000", "host:port"])
    func rejectsWithTheAcceptedForms(_ text: String) {
        #expect { try ListenAddress(parsing: text) } throws: { error in
            "\(error)".contains("unix:") || "\(error)".contains("empty")
        }
    }
}
