@testable import HTTP
import Testing

struct StandardErrorLogHandlerTests {
    @Test func timestampsAreUTCInStreamLogHandlersShape() throws {
        let stamp = StandardErrorLogHandler.timestamp()
        #expect(stamp.count == 24)
        #expect(stamp.hasSuffix("+0000"))
        #expect(stamp.dropFirst(10).first == "T")
        let year = try #require(Int(stamp.prefix(4)))
        #expect(year >= 2024)
    }

    @Test func metadataIsKeptPerHandler() {
        var handler = StandardErrorLogHandler(label: "ferry")
        handler[metadataKey: "worker"] = "3"
        #expect(handler[metadataKey: "worker"] == "3")
        #expect(handler.logLevel == .info)
    }
}
