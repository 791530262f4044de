import HTTP
import Testing

@Suite struct SchemaValidatorTests {
    let userSchema = JSONSchema.object([
        "username": .string(minLength: 3, maxLength: 50, pattern: "^[A-Za-z0-9_]+$"),
        "age": .integer(minimum: 0, maximum: 150),
        "status": .string(enum: ["draft", "published"]),
        "bio": JSONSchema.string(maxLength: 5).orNull,
        "tags": .array(.string(minLength: 1), minItems: 1, maxItems: 2),
    ], required: ["username", "age"])

    func issues(_ value: JSONValue) -> [ValidationIssue] {
        SchemaValidator.validate(value, against: userSchema, at: ["body"])
    }

    @Test func acceptsValidInput() {
        #expect(issues(["username": "ada_1", "age": 36, "status": "draft", "bio": nil, "tags": ["x"]]).isEmpty)
    }

    @Test func reportsEveryMissingFieldAtOnce() {
        let found = issues([:])
        #expect(found == [.missing(loc: ["body", "username"]), .missing(loc: ["body", "age"])]
            || found == [.missing(loc: ["body", "age"]), .missing(loc: ["body", "username"])])
    }

    @Test func reportsEachRuleWithPydanticTypes() {
        let found = issues(["username": "a b", "age": 1.5, "status": "x", "bio": "toolong", "tags": []])
        let types = Dictionary(uniqueKeysWithValues: found.map { ($0.loc.map(\.description).joined(separator: "."), $0.type) })
        #expect(types == [
            "body.username": "string_pattern_mismatch", "body.age": "int_from_float", "body.status": "enum",
            "body.bio": "string_too_long", "body.tags": "too_short",
        ])
    }

    @Test func namesArrayIndexesInLocations() {
        let found = issues(["username": "abc", "age": 1, "tags": ["ok", ""]])
        #expect(found == [ValidationIssue(loc: ["body", "tags", 1], msg: "String should have at least 1 character", type: "string_too_short")])
    }

    @Test func rejectsWrongTypesAndNullForNonNullable() {
        let found = issues(["username": 5, "age": "7"])
        #expect(found.map(\.type).sorted() == ["int_type", "string_type"])
        #expect(issues(["username": nil, "age": 1]).map(\.type) == ["string_type"])
    }

    @Test func boundsAreInclusive() {
        #expect(issues(["username": "abc", "age": 150]).isEmpty)
        #expect(issues(["username": "abc", "age": 151]).map(\.msg) == ["Input should be less than or equal to 150"])
        #expect(issues(["username": "abc", "age": -1]).map(\.type) == ["greater_than_equal"])
    }

    @Test func lengthCountsCharactersNotBytes() {
        #expect(issues(["username": "abc", "age": 1, "bio": "ééééé"]).isEmpty)
    }

    @Test func nonObjectBodyIsOneIssue() {
        #expect(issues([1, 2]).map(\.type) == ["model_attributes_type"])
    }

    @Test func customChecksRunAfterTheSchemaPasses() {
        let schema = JSONSchema.string().checked { value in
            value.stringValue?.contains("@") == true ? nil : ("value is not a valid email address", "value_error")
        }
        #expect(SchemaValidator.validate("a@b", against: schema, at: ["body"]).isEmpty)
        #expect(SchemaValidator.validate("ab", against: schema, at: ["body"]).map(\.type) == ["value_error"])
    }
}
