import FastCGI
import FerryTesting
import Foundation
import Testing

/// The FastCGI target alone, with a real socket: a handler that echoes what arrived.
@Suite struct InProcessServerTests {
    final class RunningServer: Sendable {
        let server: FastCGIServer
        let socketPath: String
        let finished = Shared(false)

        init(threads: Int, handler: @escaping FastCGIServer.Handler) throws {
            let directory = try TestEnvironment.makeTemporaryDirectory("ferry-fcgi")
            socketPath = directory.appendingPathComponent("s.sock").path
            server = FastCGIServer(
                configuration: .init(listen: .unix(path: socketPath), threads: threads, handlesSignals: false), log: { _ in })
            let thread = Thread { [server, finished] in
                try? server.run(handler)
                finished.set(true)
            }
            thread.start()
            let path = socketPath
            #expect(TestEnvironment.wait(seconds: 5) { (try? SocketConnection(unixPath: path)) != nil })
        }

        func stop() -> Bool {
            server.stop()
            return TestEnvironment.wait(seconds: 5) { finished.value }
        }
    }

    /// Answers `length:checksum:HTTP_FOO-param` (a header: the params Ferry does not read are dropped) of the body it read.
    static let echo: FastCGIServer.Handler = { exchange in
        let body = exchange.read(upTo: 10_000_000)
        let checksum = body.reduce(UInt32(0)) { ($0 &* 31) &+ UInt32($1) }
        let text = "\(body.count):\(checksum):\(exchange.params["HTTP_FOO"] ?? "-")"
        exchange.write(Array("Status: 200 OK\r\nContent-Type: text/plain\r\n\r\n\(text)".utf8))
    }

    @Test func reassemblesABodySplitAcrossManyStdinRecords() throws {
        let running = try RunningServer(threads: 2, handler: Self.echo)
        let body = (0..<200_000).map { UInt8($0 % 251) }
        let chunks = stride(from: 0, to: body.count, by: 65535).map { Array(body[$0..<min($0 + 65535, body.count)]) }
        #expect(chunks.count == 4)
        let longValue = String(repeating: "v", count: 300)  // needs the four-byte length form
        let response = try FastCGIWireClient(.unix(running.socketPath)).send(params: ["HTTP_FOO": longValue], stdinChunks: chunks)
        let expected = body.reduce(UInt32(0)) { ($0 &* 31) &+ UInt32($1) }
        #expect(response.text == "200000:\(expected):\(longValue)")
        #expect(running.stop())
    }

    @Test func paramsKeepTheRequestAndHeadersAndDropWhatFerryNeverReads() throws {
        let running = try RunningServer(threads: 1) { exchange in
            let names = exchange.params.keys.sorted().joined(separator: ",")
            exchange.write(Array("Status: 200 OK\r\n\r\n\(names)".utf8))
        }
        let response = try FastCGIWireClient(.unix(running.socketPath)).send(params: [
            "REQUEST_METHOD": "GET", "DOCUMENT_URI": "/a", "QUERY_STRING": "b=1", "CONTENT_LENGTH": "", "REMOTE_ADDR": "127.0.0.1",
            "HTTP_HOST": "h", "HTTP_X_TRACE": "t", "SERVER_SOFTWARE": "nginx", "DOCUMENT_ROOT": "/srv", "HTTPX": "no",
        ])
        #expect(response.text == "CONTENT_LENGTH,DOCUMENT_URI,HTTP_HOST,HTTP_X_TRACE,QUERY_STRING,REMOTE_ADDR,REQUEST_METHOD")
        #expect(running.stop())
    }

    @Test func threadsServeRequestsConcurrently() throws {
        // Each handler waits until it sees all four in flight at once (or gives up), so the
        // peak proves the threads overlap without timing anything.
        let inFlight = Shared(0)
        let peak = Shared(0)
        let running = try RunningServer(threads: 4) { exchange in
            let now = inFlight.update { $0 += 1; return $0 }
            _ = peak.update { $0 = max($0, now) }
            _ = TestEnvironment.wait(seconds: 5) { peak.value == 4 }
            _ = inFlight.update { $0 -= 1 }
            exchange.write(Array("Status: 200 OK\r\n\r\ndone".utf8))
        }
        let statuses = Shared<[Int]>([])
        // Four client threads (concurrentPerform would run only as many as there are cores).
        for _ in 0..<4 {
            Thread {
                let status = (try? FastCGIWireClient(.unix(running.socketPath)).send(params: [:]))?.status ?? 0
                statuses.update { $0.append(status) }
            }.start()
        }
        #expect(TestEnvironment.wait(seconds: 10) { statuses.value.count == 4 })
        #expect(statuses.value == [200, 200, 200, 200])
        #expect(peak.value == 4)
        #expect(running.stop())
    }

    /// Responses around libfcgi's 8 KB output buffer and FastCGI's 64 KB record limit arrive
    /// whole and in order.
    @Test(arguments: [7_999, 8_001, 18_437, 65_528, 65_529, 150_000])
    func largeResponsesArriveWhole(bodySize: Int) throws {
        let body = (0..<bodySize).map { UInt8(ascii: "a") + UInt8($0 % 26) }
        let running = try RunningServer(threads: 1) { exchange in
            exchange.write(Array("Status: 200 OK\r\nContent-Type: text/plain\r\n\r\n".utf8) + body)
        }
        let response = try FastCGIWireClient(.unix(running.socketPath)).send(params: [:])
        #expect(response.status == 200)
        #expect(response.body == body)
        #expect(running.stop())
    }

    /// nginx connects before it writes the request. A stop that lands in between must not
    /// drop the connection a thread already took: the request is answered, then `run` ends.
    @Test func aConnectionTakenBeforeTheStopIsAnsweredThoughItsRequestComesAfter() throws {
        let running = try RunningServer(threads: 1, handler: Self.echo)
        let connection = try SocketConnection(unixPath: running.socketPath)
        connection.setReceiveTimeout(seconds: 10)
        // Ample time for the thread to accept it (libfcgi then waits up to 2 s for the request).
        usleep(1_000_000)
        let stopped = Shared(false)
        Thread { stopped.set(running.stop()) }.start()
        usleep(200_000)
        let response = try FastCGIWireClient.send(params: ["HTTP_FOO": "late"], over: connection)
        #expect(response.text == "0:0:late")
        #expect(TestEnvironment.wait(seconds: 5) { stopped.value })
    }

    /// nginx's `fastcgi_keep_conn on` leaves a thread waiting on its idle connection: a stop
    /// reaches that thread too, which closes the connection, and `run` returns.
    @Test func aStopClosesAnIdleKeptConnection() throws {
        let running = try RunningServer(threads: 1, handler: Self.echo)
        let connection = try SocketConnection(unixPath: running.socketPath)
        connection.setReceiveTimeout(seconds: 10)
        for text in ["one", "two"] {
            let response = try FastCGIWireClient.send(params: ["HTTP_FOO": text], over: connection, keepConnection: true)
            #expect(response.text == "0:0:\(text)")
        }
        #expect(running.stop())
        #expect(connection.receive() == [], "the kept connection is closed, not left to time out")
    }

    @Test func stopLetsTheRequestInFlightFinish() throws {
        let running = try RunningServer(threads: 2) { exchange in
            usleep(500_000)
            exchange.write(Array("Status: 200 OK\r\n\r\nfinished".utf8))
        }
        let answer = Shared<String?>(nil)
        let client = Thread { answer.set((try? FastCGIWireClient(.unix(running.socketPath)).send(params: [:]))?.text) }
        client.start()
        usleep(150_000)  // the request is now in the handler
        #expect(running.stop())
        #expect(TestEnvironment.wait(seconds: 2) { answer.value != nil })
        #expect(answer.value == "finished")
        #expect((try? SocketConnection(unixPath: running.socketPath)) == nil, "the socket is gone once stopped")
    }
}
