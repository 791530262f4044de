import HTTP
import Testing

@Suite struct JSONParserTests {
    func parse(_ text: String) throws -> JSONValue { try JSONParser.parse(Array(text.utf8)) }

    @Test func parsesEveryKind() throws {
        let value = try parse(#" {"a": [1, -2.50, 3e2, true, false, null], "b": {"c": "d"}} "#)
        #expect(value["a"] == [.number("1"), .number("-2.50"), .number("3e2"), true, false, nil])
        #expect(value["b"]?["c"] == "d")
    }

    @Test func keepsNumberTextExact() throws {
        #expect(try parse("79.99") == .number("79.99"))
        #expect(try parse("0.10") == .number("0.10"))
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        #expect(try parse(#""a\"b\\c\/d\n\u00e9\ud83d\ude00""#) == .string("a\"b\\c/d\né😀"))
    }

    @Test(arguments: [
        "", "{", "[1,]", #"{"a":1,}"#, "01", "1.", "-", "tru", #""\x""#, #""\ud800""#, "\"a\u{01}b\"", "{} {}", "NaN", "'a'",
    ])
    func rejectsInvalidDocuments(_ text: String) {
        #expect(throws: JSONParser.Failure.self) { try parse(text) }
    }

    @Test func rejectsDeepNesting() {
        let deep = String(repeating: "[", count: 1000) + String(repeating: "]", count: 1000)
        #expect(throws: JSONParser.Failure.self) { try parse(deep) }
        #expect(throws: Never.self) { try parse(String(repeating: "[", count: 100) + String(repeating: "]", count: 100)) }
    }

    @Test func rejectsInvalidUTF8() {
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse([0x22, 0xFF, 0x22]) }
    }
}
