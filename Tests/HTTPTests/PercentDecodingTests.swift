import HTTP
import Testing

@Suite struct PercentDecodingTests {
    @Test func decodesEscapesAndPlus() {
        #expect(percentDecode("a%20b+c", plusAsSpace: true) == "a b c")
        #expect(percentDecode("a+b", plusAsSpace: false) == "a+b")
        #expect(percentDecode("caf%C3%A9", plusAsSpace: false) == "café")
    }

    @Test func keepsMalformedEscapesLiterally() {
        #expect(percentDecode("100%", plusAsSpace: true) == "100%")
        #expect(percentDecode("%zz%4", plusAsSpace: true) == "%zz%4")
    }

    @Test func parsesQueryPairsInOrderWithRepeats() {
        let query = QueryParameters(parsing: "tag=a&tag=b%26c&empty=&flag&search=hello+world")
        #expect(query.all("tag") == ["a", "b&c"])
        #expect(query["empty"] == "")
        #expect(query["flag"] == "")
        #expect(query["search"] == "hello world")
        #expect(query["missing"] == nil)
    }
}
