import FerryTesting
import Foundation
import Testing

/// The real `ferry serve` executable on a unix socket, spoken to in FastCGI records.
@Suite struct FerryWorkerTests {
    static let getRoot = ["REQUEST_METHOD": "GET", "DOCUMENT_URI": "/", "QUERY_STRING": "", "CONTENT_LENGTH": ""]

    @Test func answersGetRootOverTheWire() throws {
        let worker = try FerryServer(threads: 2)
        let response = try worker.wireClient.send(params: Self.getRoot)
        #expect(response.status == 200)
        #expect(response.headers["content-type"] == "application/json")
        #expect(response.json["message"] == "Ferry API")
    }

    @Test func readsABodyAcrossSeveralStdinRecordsUpToTheLimit() throws {
        let worker = try FerryServer(environment: ["MAX_BODY_SIZE": "1000"])
        let params = ["REQUEST_METHOD": "POST", "DOCUMENT_URI": "/", "CONTENT_LENGTH": ""]
        // 3 x 400 bytes with no declared length: the worker must read into the second
        // record before it knows the limit is crossed.
        let chunk = [UInt8](repeating: 120, count: 400)
        let tooLarge = try worker.wireClient.send(params: params, stdinChunks: [chunk, chunk, chunk])
        #expect(tooLarge.status == 413)
        #expect(tooLarge.detail == "Request body too large: more bytes, the limit is 1000 bytes")
        // Within the limit, the whole split body is consumed and routing answers (405: GET only).
        let within = try worker.wireClient.send(params: params.merging(["CONTENT_LENGTH": "800"]) { $1 }, stdinChunks: [chunk, chunk])
        #expect(within.status == 405)
        #expect(within.headers["allow"] == "GET, HEAD")
    }

    @Test func declaredOversizeBodyIsRefusedAt413() throws {
        let worker = try FerryServer(environment: ["MAX_BODY_SIZE": "1000"])
        let response = try worker.wireClient.send(
            params: ["REQUEST_METHOD": "POST", "DOCUMENT_URI": "/", "CONTENT_LENGTH": "5000"], stdinChunks: [[UInt8](repeating: 1, count: 5000)])
        #expect(response.status == 413)
        #expect(response.detail == "Request body too large: 5000 bytes, the limit is 1000 bytes")
    }

    @Test func sigtermStopsCleanly() throws {
        let worker = try FerryServer(threads: 3)
        #expect(try worker.wireClient.send(params: Self.getRoot).status == 200)
        worker.process.signal(SIGTERM)
        #expect(worker.process.waitForExit(seconds: 5) == 0)
        #expect(!FileManager.default.fileExists(atPath: worker.socketPath))
        #expect(worker.process.log.contains("received SIGTERM"))
    }

    @Test func badConfigurationStopsStartUpNamingTheVariable() throws {
        let directory = try TestEnvironment.makeTemporaryDirectory()
        let process = try ManagedProcess(
            executable: TestEnvironment.ferryBinary, arguments: ["serve", "--listen", "unix:\(directory.path)/s.sock"],
            environment: TestEnvironment.ferryEnvironment(directory: directory, ["MAX_BODY_SIZE": "lots"]),
            logFile: directory.appendingPathComponent("log"))
        #expect(process.waitForExit(seconds: 10) == 2)
        #expect(process.log.contains("MAX_BODY_SIZE: 'lots' is not a whole number"))
    }

    @Test func answersAsPlainCGI() throws {
        let directory = try TestEnvironment.makeTemporaryDirectory()
        let input = directory.appendingPathComponent("stdin")
        try Data("{}".utf8).write(to: input)
        let process = try ManagedProcess(
            executable: TestEnvironment.ferryBinary, arguments: [],
            environment: TestEnvironment.ferryEnvironment(directory: directory, [
                "GATEWAY_INTERFACE": "CGI/1.1", "REQUEST_METHOD": "GET", "SCRIPT_NAME": "", "PATH_INFO": "/",
                "QUERY_STRING": "", "CONTENT_LENGTH": "2", "LOG_LEVEL": "critical", "DATABASE_URL": "sqlite::memory:"]),
            logFile: directory.appendingPathComponent("stdout"), standardInput: try FileHandle(forReadingFrom: input))
        #expect(process.waitForExit(seconds: 10) == 0)
        let response = TestResponse.parseCGI(Array(process.log.utf8))
        #expect(response?.status == 200)
        #expect(response?.json["message"] == "Ferry API")
    }

    @Test func usesTheSocketInheritedFromSpawnFcgi() throws {
        let directory = try TestEnvironment.makeTemporaryDirectory()
        let socket = directory.appendingPathComponent("spawned.sock").path
        // spawn-fcgi binds the socket, puts it on fd 0 and (with -n) execs ferry in its place.
        let process = try ManagedProcess(
            executable: "/usr/bin/spawn-fcgi", arguments: ["-n", "-s", socket, "-M", "0666", "--", TestEnvironment.ferryBinary, "serve"],
            environment: TestEnvironment.ferryEnvironment(directory: directory, ["DATABASE_URL": "sqlite::memory:"]),
            logFile: directory.appendingPathComponent("log"))
        defer { process.stop() }
        #expect(TestEnvironment.wait(seconds: 10) { (try? SocketConnection(unixPath: socket)) != nil })
        let response = try FastCGIWireClient(.unix(socket)).send(params: Self.getRoot)
        #expect(response.status == 200)
        #expect(process.log.contains("listening on fd:0"))
    }
}

/// A worker that starts on an inherited socket while a request already waits in its
/// backlog must answer that request (libfcgi's FCGX_IsCGI would accept it and keep it for
/// an API Ferry does not use, leaving it unanswered).
@Suite struct InheritedBacklogTests {
    @Test func aRequestWaitingBeforeTheWorkerStartsIsAnswered() throws {
        let directory = try TestEnvironment.makeTemporaryDirectory()
        let path = directory.appendingPathComponent("inherited.sock").path
        let listener = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(listener) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: path.utf8)
            raw[path.utf8.count] = 0
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        #expect(bound == 0 && listen(listener, 16) == 0)

        // The request is sent before any worker exists: it waits in the backlog.
        let client = try SocketConnection(unixPath: path)
        client.setReceiveTimeout(seconds: 15)
        let answer = Shared<TestResponse?>(nil)
        Thread { answer.set(try? FastCGIWireClient.send(params: FerryWorkerTests.getRoot, over: client)) }.start()
        usleep(200_000)

        let worker = try ManagedProcess(
            executable: TestEnvironment.ferryBinary, arguments: ["serve", "--workers", "0", "--threads", "2"],
            environment: TestEnvironment.ferryEnvironment(directory: directory, ["DATABASE_URL": "sqlite::memory:"]),
            logFile: directory.appendingPathComponent("worker.log"),
            standardInput: FileHandle(fileDescriptor: listener, closeOnDealloc: false))
        defer { worker.stop() }
        #expect(TestEnvironment.wait(seconds: 15) { answer.value != nil }, "the waiting request was not answered:\n\(worker.log)")
        #expect(answer.value?.status == 200)
    }
}
