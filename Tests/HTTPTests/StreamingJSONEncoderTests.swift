import FerryTesting
import Foundation
import HTTP
import Testing

/// StreamingJSONEncoder against Foundation's JSONEncoder set up as Ferry had it: the same
/// documents (parsed back by two parsers), and where member order cannot differ, the same bytes.
@Suite struct StreamingJSONEncoderTests {
    static let now = Date(timeIntervalSince1970: 1_795_299_420)  // 2026-11-21T22:17:00Z
    static let author = FixtureAuthor(id: 1, username: "ana", fullName: "Ana \"Q\" Lima", isActive: true, userID: 7, totalSpent: 12.5)

    func expectSameBytes(_ value: some Encodable, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let comparison = try JSONEncoderComparison(value)
        #expect(comparison.streamingText == comparison.foundationText, sourceLocation: sourceLocation)
    }

    // MARK: exact bytes

    @Test func writesMembersInEncodeOrderWithSnakeCaseKeys() throws {
        let text = String(decoding: try StreamingJSONEncoder.encode(Self.author), as: UTF8.self)
        #expect(text == #"{"id":1,"username":"ana","full_name":"Ana \"Q\" Lima","is_active":true,"user_id":7,"total_spent":12.5}"#)
        #expect(try StreamingJSONEncoder.encode(Self.author) == StreamingJSONEncoder.encode(Self.author))
    }

    @Test func omitsNilOptionalsOfSynthesizedCodingAndWritesExplicitNulls() throws {
        let anonymous = FixtureAuthor(id: 2, username: "x", fullName: nil, isActive: false, userID: 0, totalSpent: -0.0)
        let text = String(decoding: try StreamingJSONEncoder.encode(anonymous), as: UTF8.self)
        #expect(text == #"{"id":2,"username":"x","is_active":false,"user_id":0,"total_spent":-0}"#)
        #expect(String(decoding: try StreamingJSONEncoder.encode([1, nil, 3] as [Int?]), as: UTF8.self) == "[1,null,3]")
    }

    @Test func writesStringKeyedDictionariesInKeyOrderWithKeysAsTheyAre() throws {
        let text = String(decoding: try StreamingJSONEncoder.encode(["zeta": 1, "operationId": 2, "alpha_beta": 3]), as: UTF8.self)
        #expect(text == #"{"alpha_beta":3,"operationId":2,"zeta":1}"#)
        try expectAgreement(["fooBar": ["innerKey": true]])
    }

    /// The writer remembers which types are not String-keyed dictionaries; an Optional's wrapped
    /// dictionary must still keep its keys as they are however its siblings came before it.
    @Test func optionalDictionariesKeepTheirKeysAfterANil() throws {
        let dictionaries: [[String: Int]?] = [nil, ["fooBar": 1], nil, ["bazQux": 2]]
        #expect(String(decoding: try StreamingJSONEncoder.encode(dictionaries), as: UTF8.self) == #"[null,{"fooBar":1},null,{"bazQux":2}]"#)
        try expectSameBytes(dictionaries)
        try expectSameBytes([["innerKey": 1], nil] as [[String: Int]?])
    }

    @Test func convertsOtherDictionaryKeysAsFoundationDoes() throws {
        try expectAgreement([FixtureDictionaryKey.firstKey: 1, .secondKey: 2])
        try expectAgreement([1: "one", -20: "minus twenty"])
    }

    @Test func escapesStringsExactlyAsFoundation() throws {
        let controls = String((0..<0x20).map { Character(Unicode.Scalar($0)!) })
        let strings = [
            "", "plain", "q\"uote", "back\\slash", "a/b/c", controls, "\u{7F}del", "é ü ñ", "emoji 🙂👩‍👩‍👧", "\u{2028}\u{2029}",
            "e\u{301}", "tab\there\nnew\r\n", String(repeating: "long run of text without escapes ", count: 40) + "\"",
        ]
        try expectSameBytes(strings)
        for string in strings { try expectSameBytes(string) }
        // Each character that needs escaping at every place in and across eight-byte words,
        // beside non-ASCII bytes (whose top bit is set) and the bytes next to it in value.
        let neighbours = ["\u{1F}", " ", "!", "#", "[", "]", "\u{7F}", "é"]
        for special in ["\"", "\\", "\u{0}", "\n", "\u{1F}"] {
            try expectSameBytes((0..<17).map { String(repeating: "a", count: $0) + special + String(repeating: "é", count: 9 - $0 % 5) + special })
        }
        try expectSameBytes((0..<17).map { String(repeating: "b", count: $0) + neighbours.joined() })
        #expect(String(decoding: try StreamingJSONEncoder.encode("a\"\\/\n\t\u{1}é"), as: UTF8.self) == #""a\"\\/\n\t\u0001é""#)
    }

    @Test func writesNumbersExactlyAsFoundation() throws {
        try expectSameBytes([0.1, 1e300, -0.0, 0.0, 1.0, 100.0, -1.5e-10, 5e-324, Double.greatestFiniteMagnitude, 1e16, 123.456,
                             2.5, 1.2345678901234568e+20, 1e-7, 0.30000000000000004, -Double.leastNormalMagnitude])
        try expectSameBytes([Float(0.1), 1e30, 3, -0.0, .greatestFiniteMagnitude])
        try expectSameBytes([Int.min, Int.max, 0, -1])
        try expectSameBytes([UInt64.max, 0])
        try expectSameBytes([Int8.min, Int8.max])
        try expectSameBytes([Int128.min, Int128.max])
        try expectSameBytes([UInt128.max])
        try expectSameBytes(Decimal(string: "12.345")!)
        var random = FixtureRandom(state: 42)
        let doubles = (0..<2000).map { _ in Double(bitPattern: random.next()) }.filter(\.isFinite)
        try expectSameBytes(doubles)
    }

    @Test func refusesNonFiniteNumbersLikeFoundation() {
        for value in [Double.nan, .infinity, -.infinity] {
            #expect(throws: EncodingError.self) { try StreamingJSONEncoder.encode(["value": value]) }
            #expect(throws: EncodingError.self) { try JSONCoding.makeEncoder().encode(["value": value]) }
        }
        #expect(throws: EncodingError.self) { try StreamingJSONEncoder.encode([Float.nan]) }
    }

    @Test func writesDatesAsRFC3339LikeFoundation() throws {
        #expect(String(decoding: try StreamingJSONEncoder.encode(Self.now), as: UTF8.self) == #""2026-11-21T22:17:00Z""#)
        let edges: [Double] = [
            0, -0.5, -1e-9, 0.999999, 1_790_000_000.123456, 951_782_400, 951_868_799.9, 4_107_542_400,  // leap days 2000, 2100
            -12_219_292_800, -12_219_292_801, -62_135_596_800, 253_402_300_799.5, 253_402_300_800, 1e12, -1e11,
        ]
        try expectSameBytes(edges.map { Date(timeIntervalSince1970: $0) })
        try expectSameBytes(edges.map { Date(timeIntervalSinceReferenceDate: $0) })
        var random = FixtureRandom(state: 7)
        let dates = (0..<3000).map { _ in
            Date(timeIntervalSince1970: Double(random.next() % 300_000_000_000) - 14_000_000_000 + Double(random.next() % 1000) / 1000)
        }
        try expectSameBytes(dates)
    }

    @Test func writesFoundationsSpecialTypesAsItDoes() throws {
        try expectSameBytes([URL(string: "https://ferry.example/a/b?c=d&e=%20")!])
        try expectSameBytes([Data([0, 1, 2, 254, 255]), Data()])
        try expectSameBytes([Decimal(string: "-0.001")!, Decimal(1_000_000)])
    }

    // MARK: the same documents

    @Test func agreesOnNestedSynthesizedValues() throws {
        let article = FixtureArticle(
            id: 3, title: "Ferry / crossing \"at dawn\"", author: Self.author,
            tags: [FixtureTag(id: 1, name: "river", postCount: 2), FixtureTag(id: 2, name: "🙂", postCount: 0)],
            publishedAt: nil, createdAt: Self.now, rating: 4.25, status: .published, priority: .high,
            metadata: ["sourceURL": "https://x.example/a", "é": "\u{1}"], counters: nil, scores: [0.1, 1e300, -0.0], nested: [[], [1, 2]])
        try expectAgreement(article)
        try expectAgreement([article, article])
        let published = FixtureArticle(
            id: 4, title: "", author: Self.author, tags: [], publishedAt: Self.now, createdAt: Self.now, rating: nil,
            status: .draft, priority: .low, metadata: [:], counters: ["viewCount": 3], scores: [], nested: [])
        try expectAgreement(published)
    }

    @Test func agreesOnEveryKindOfContainer() throws {
        try expectAgreement(FixtureShape())
        try expectAgreement([FixtureShape(), FixtureShape()])
        try expectAgreement(FixtureCar(brandName: "Volvo"))
        try expectAgreement(FixtureMerged(author: Self.author, extraCount: 5))
        try expectAgreement(FixtureRows())
        try expectAgreement(["wrapped": FixtureWrapper(wrapped: Self.author)])
        try expectAgreement(FixtureWrapper(wrapped: FixtureWrapper(wrapped: [1, 2])))
        try expectAgreement(FixtureWrapper(wrapped: Self.now))
    }

    @Test func writesMergedContainersAsOneObjectInOrder() throws {
        let text = String(decoding: try StreamingJSONEncoder.encode(FixtureMerged(author: Self.author, extraCount: 5)), as: UTF8.self)
        #expect(text.hasSuffix(#""total_spent":12.5,"extra_count":5,"extra_list":[1,2]}"#), "\(text)")
        let shape = String(decoding: try StreamingJSONEncoder.encode(FixtureShape()), as: UTF8.self)
        #expect(shape.hasPrefix(#"{"kind":"polygon","bounding_box":{"min_x":-1.5,"max_y":2,"inner_box":{"min_x":0}},"corner_points":[{"x_value":0"#), "\(shape)")
        #expect(shape.hasSuffix(#""unused_super":{},"super":"circle","label":"last"}"#), "\(shape)")
    }

    @Test func aValueThatEncodesNothingIsAnEmptyObjectExceptAtTheTop() throws {
        try expectAgreement([FixtureNothing()])
        try expectAgreement(["key": FixtureNothing()])
        #expect(throws: EncodingError.self) { try StreamingJSONEncoder.encode(FixtureNothing()) }
        #expect(throws: EncodingError.self) { try JSONCoding.makeEncoder().encode(FixtureNothing()) }
    }

    @Test func topLevelScalarsAndOptionals() throws {
        try expectSameBytes("text")
        try expectSameBytes(42)
        try expectSameBytes(true)
        try expectSameBytes(Optional<Int>.none)
        try expectSameBytes([String]())
        try expectAgreement([String: Int]())
    }

    // MARK: out of order

    @Test func aContainerUsedOutOfOrderIsRefusedAndJSONCodingFallsBackToFoundation() throws {
        #expect(throws: JSONStreamingUnsupported.self) { try StreamingJSONEncoder.encode(FixtureOutOfOrder()) }
        #expect(throws: JSONStreamingUnsupported.self) { try StreamingJSONEncoder.encode([FixtureOutOfOrder()]) }
        let fallback = try JSONParser.parse(JSONCoding.encode(FixtureOutOfOrder()))
        #expect(fallback == ["first_box": ["inner_value": 1], "second_value": 2])
    }

    @Test func anErrorCaughtHalfwayThroughAValueIsRefusedAndJSONCodingFallsBackToFoundation() throws {
        #expect(throws: JSONStreamingUnsupported.self) { try StreamingJSONEncoder.encode(FixtureSwallowsErrors()) }
        let fallback = try JSONParser.parse(JSONCoding.encode(FixtureSwallowsErrors()))
        #expect(fallback == ["afterwards": 2])
        #expect(fallback == (try JSONParser.parse(Array(JSONCoding.makeEncoder().encode(FixtureSwallowsErrors())))))
    }

    @Test func anErrorThatIsNotCaughtReachesTheCaller() {
        #expect(throws: FixtureSwallowsErrors.Failure.self) { try StreamingJSONEncoder.encode(["value": FixtureSwallowsErrors.HalfWritten()]) }
        #expect(throws: FixtureSwallowsErrors.Failure.self) { try JSONCoding.encode([FixtureSwallowsErrors.HalfWritten()]) }
    }

    @Test func aSecondValueWhereOneWasWrittenIsAnErrorNotACrash() {
        for secondIsContainer in [true, false] {
            #expect(throws: EncodingError.self) { try StreamingJSONEncoder.encode(FixtureTwoValues(secondIsContainer: secondIsContainer)) }
            #expect(throws: EncodingError.self) { try JSONCoding.encode(["nested": FixtureTwoValues(secondIsContainer: secondIsContainer)]) }
        }
    }

    // MARK: keys

    @Test(arguments: [
        ("postCount", "post_count"), ("userID", "user_id"), ("isActive", "is_active"), ("totalSpent", "total_spent"),
        ("myURLProperty", "my_url_property"), ("URLValue", "u_rl_value"), ("id", "id"), ("already_snake", "already_snake"),
    ])
    func convertsKeysToSnakeCase(key: String, expected: String) throws {
        #expect(String(decoding: try StreamingJSONEncoder.encode(FixtureKeys(key)), as: UTF8.self) == #"{"\#(expected)":1}"#)
        try expectSameBytes(FixtureKeys(key))
    }

    @Test func convertsEveryKeyExactlyAsFoundation() throws {
        let listed = [
            "", "a", "A", "ABC", "aB", "ABCdef", "aBCDe", "userIDs", "HTTPRequestID", "value2URL", "x1Y2", "a1B", "mixed_CaseKey", "_privateKey",
            "__x", "snake_Case_", "a_B", "iOS", "héllo", "ÉtéValue", "étéValue", "camelCaseÉté", "ÀB", "aÀb", "σΣσ", "ﬃX", "aǅb", "aⅫb",
            "x🙂Yz", "İstanbulX", "e\u{301}Xyz", "aE\u{301}b", "quote\"Key", "back\\slashKey", "tab\tKey", "slash/Key", "Ⅻ", "ǅǅx",
            // Printable ASCII is converted byte by byte, everything else through the cache: keys on the border.
            "a\r\nB", "\r\nAb", "A\r\nbC", "aB\r\n", "with spaceKey", "a-bC", "ABC1def", "1A", "aBC", "~Zz", "@A[B`c{D", "AbC\u{7F}d", "aB\u{80}",
        ]
        var random = FixtureRandom(state: 99)
        let alphabet: [Character] = ["a", "b", "z", "A", "B", "Z", "_", "1", "é", "É"]
        let generated = (0..<600).map { _ in String((0..<Int(random.next() % 9)).map { _ in alphabet[Int(random.next() % 10)] }) }
        // Every printable character, letters (what the algorithm looks at) several times over.
        let ascii = (0x20..<0x7F).map { Character(Unicode.Scalar(UInt8($0))) } + Array(String(repeating: "aAbBzZ", count: 10))
        let generatedASCII = (0..<2000).map { _ in String((0..<Int(random.next() % 12)).map { _ in ascii[Int(random.next() % UInt64(ascii.count))] }) }
        for key in listed + generated + generatedASCII {
            let comparison = try JSONEncoderComparison(FixtureKeys(key))
            #expect(comparison.streamingText == comparison.foundationText, "key \(key.debugDescription)")
        }
    }

    @Test func convertsKeysConsistentlyFromManyThreadsAtOnce() async throws {
        let agreed = await withTaskGroup(of: Bool.self) { group in
            for task in 0..<8 {
                group.addTask {
                    (0..<300).allSatisfy { index in
                        let key = "sharedKey\(index % 50)Value\(task)Of\(index)"
                        let expected = #"{"shared_key\#(index % 50)_value\#(task)_of\#(index)":1,"post_count":1}"#
                        return (try? StreamingJSONEncoder.encode(FixtureKeys(key, "postCount"))).map { String(decoding: $0, as: UTF8.self) } == expected
                    }
                }
            }
            return await group.allSatisfy { $0 }
        }
        #expect(agreed)
    }
}
