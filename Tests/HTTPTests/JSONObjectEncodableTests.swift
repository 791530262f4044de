import FerryTesting
import Foundation
@testable import HTTP
import Testing

/// JSONObjectEncodable written directly by StreamingJSONEncoder against the same members through
/// Foundation's JSONEncoder (the same documents) and through the streaming encoder's own keyed
/// container (the same bytes).
@Suite struct JSONObjectEncodableTests {
    func text(_ value: some Encodable) throws -> String {
        String(decoding: try StreamingJSONEncoder.encode(value), as: UTF8.self)
    }

    @Test func writesMembersInOrderWithTheirKeysAsGiven() throws {
        let detail = FixtureChildDetail(child: FixtureChild(id: 1, name: "a\"b", publishedAt: nil), notes: ["x"])
        #expect(try text(detail) == #"{"id":1,"name":"a\"b","published_at":null,"notes":["x"]}"#)
        #expect(try text([FixtureChild(id: 2, name: "é", publishedAt: FixtureMembers.now)])
            == #"[{"id":2,"name":"é","published_at":"2026-11-21T22:17:00Z"}]"#)
        let ids = [Int.min, -1, 0, 7, 10, Int.max].map { FixtureChild(id: $0, name: "", publishedAt: nil) }
        #expect(try text(ids) == "[" + [Int.min, -1, 0, 7, 10, Int.max].map { #"{"id":\#($0),"name":"","published_at":null}"# }
            .joined(separator: ",") + "]")
        let empty = try text(FixtureMembers.empty)
        #expect(empty.contains(#""optional_count":null,"optional_title":null,"optional_flag":null,"optional_rating":null,"#
            + #""optional_date":null,"status":"published","tag":null,"scores":[],"counters":{},"#), "\(empty)")
        #expect(empty.hasSuffix(#""children":[],"children_by_name":{},"optional_children":[],"#
            + #""wrapped_child":{"id":7,"name":"seventh","published_at":null},"always_null":null}"#), "\(empty)")
        let full = try text(FixtureMembers())
        #expect(full.hasSuffix(#""always_null":null,"count_if_present":-7,"tag_if_present":{"id":1,"name":"river","post_count":2},"#
            + #""child_if_present":{"id":2,"name":"second","published_at":null}}"#), "\(full)")
    }

    @Test func agreesWithFoundationOnEveryOverload() throws {
        try expectAgreement(FixtureMembers())
        try expectAgreement(FixtureMembers.empty)
        try expectAgreement([FixtureMembers(), FixtureMembers.empty])
        try expectAgreement(["outer": FixtureMembers()])
        try expectAgreement(FixtureChildDetail(child: FixtureChild(id: 1, name: "", publishedAt: nil), notes: []))
        try expectAgreement(FixtureThroughContainer(wrapped: FixtureMembers()))
        try expectAgreement([FixtureChild(id: 1, name: "x", publishedAt: nil)] as [FixtureChild?] + [nil])
    }

    /// The direct path and the keyed-container path of one encoder give the same bytes.
    @Test func directMembersAndContainerMembersWriteTheSameBytes() throws {
        for value in [FixtureMembers(), FixtureMembers.empty] {
            let direct = try text(value)
            let throughContainer = try text(FixtureThroughContainer(wrapped: value))
            #expect(throughContainer == direct.dropLast() + #","extra_count":1}"#)
        }
    }

    /// Values encoded before are copied as they are, and read the same as the values themselves
    /// through Foundation (which gets them parsed) and through the streaming keyed container.
    @Test func encodedValuesAreWrittenAsTheyWereEncoded() throws {
        let children = [FixtureChild(id: 1, name: "a\"b", publishedAt: FixtureMembers.now), FixtureChild(id: 2, name: "é", publishedAt: nil)]
        let encoded = FixtureEncodedChildren(children: try children.map { try EncodedJSON($0) })
        let expected = #"{"children":"# + (try text(children)) + #","count":2}"#
        #expect(try text(encoded) == expected)
        #expect(try text(FixtureEncodedChildren(children: [])) == #"{"children":[],"count":0}"#)
        try expectAgreement(encoded)
        #expect(try JSONParser.parse(try JSONCoding.makeEncoder().encode(encoded).map { $0 }) == (try JSONParser.parse(Array(expected.utf8))))
        #expect(try text(FixtureThroughContainer(wrapped: encoded)) == expected.dropLast() + #","extra_count":1}"#)
    }

    // MARK: failures

    @Test(arguments: FixtureSwallowsMemberErrors.Failing.allCases)
    func aMemberCaughtHalfwayIsRefusedAndJSONCodingFallsBackToFoundation(failing: FixtureSwallowsMemberErrors.Failing) throws {
        let value = FixtureSwallowsMemberErrors(failing: failing)
        #expect(throws: JSONStreamingUnsupported.self) { try StreamingJSONEncoder.encode(value) }
        #expect(throws: JSONStreamingUnsupported.self) { try StreamingJSONEncoder.encode(["nested": value]) }
        let fallback = try JSONParser.parse(JSONCoding.encode(value))
        #expect(fallback == ["first": 0, "afterwards": 2])
        #expect(fallback == (try JSONParser.parse(Array(JSONCoding.makeEncoder().encode(value)))))
    }

    @Test func aFailureThatIsNotCaughtReachesTheCaller() {
        #expect(throws: FixtureFailingMembers.Failure.self) { try StreamingJSONEncoder.encode(FixtureFailingMembers()) }
        #expect(throws: FixtureFailingMembers.Failure.self) { try JSONCoding.encode([FixtureFailingMembers()]) }
        #expect(throws: FixtureFailingMembers.Failure.self) {
            try JSONCoding.encode(FixtureThroughContainer(wrapped: FixtureFailingMembers()))
        }
    }

    /// A type the writer has already written directly fails the next time.
    @Test func aFailureAfterASuccessOfTheSameTypeStillFallsBack() throws {
        struct Sometimes: JSONObjectEncodable {
            let fails: Bool
            func encodeMembers(to object: inout JSONObjectMembers) throws {
                try object.encode(1, forKey: "value")
                if fails { throw FixtureFailingMembers.Failure() }
            }
        }
        struct Catches: Encodable {
            enum Keys: String, CodingKey { case ok, bad, last }
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: Keys.self)
                try container.encode(Sometimes(fails: false), forKey: .ok)
                try? container.encode(Sometimes(fails: true), forKey: .bad)
                try container.encode(3, forKey: .last)
            }
        }
        #expect(throws: JSONStreamingUnsupported.self) { try StreamingJSONEncoder.encode(Catches()) }
        #expect(try JSONParser.parse(JSONCoding.encode(Catches())) == ["ok": ["value": 1], "last": 3])
    }

    // MARK: keys

    @Test func plainKeysAreLowerCasePrintableASCII() {
        for key: StaticString in ["id", "view_count", "published_at", "a-b.c d", "x1"] { #expect(JSONObjectMembers.isPlain(key)) }
        for key: StaticString in ["", "viewCount", "ID", "quo\"te", "back\\slash", "tab\t", "é"] { #expect(!JSONObjectMembers.isPlain(key)) }
    }
}

/// An object holding values encoded before.
struct FixtureEncodedChildren: JSONObjectEncodable {
    let children: [EncodedJSON]

    func encodeMembers(to object: inout JSONObjectMembers) throws {
        try object.encode(children, forKey: "children")
        try object.encode(children.count, forKey: "count")
    }
}
