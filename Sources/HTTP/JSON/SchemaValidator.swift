/// Validates a `JSONValue` against a `JSONSchema`, collecting every failure with its
/// location and pydantic's message and type names (what FastAPI clients already parse).
public enum SchemaValidator {
    public static func validate(_ value: JSONValue, against schema: JSONSchema, at loc: [LocationComponent]) -> [ValidationIssue] {
        var issues: [ValidationIssue] = []
        check(value, schema, loc, &issues)
        return issues
    }

    private static func check(_ value: JSONValue, _ schema: JSONSchema, _ loc: [LocationComponent], _ issues: inout [ValidationIssue]) {
        let schema = schema.resolved
        if value.isNull && (schema.nullable || schema.kind == nil && schema.anyOf.isEmpty) { return }
        if !schema.anyOf.isEmpty {
            let matches = schema.anyOf.contains { validate(value, against: $0, at: loc).isEmpty }
            if !matches {
                if let first = schema.anyOf.first { check(value, first, loc, &issues) }
                return
            }
        }
        let countBefore = issues.count
        switch schema.kind {
        case .object: checkObject(value, schema, loc, &issues)
        case .array: checkArray(value, schema, loc, &issues)
        case .string: checkString(value, schema, loc, &issues)
        case .integer, .number: checkNumber(value, schema, loc, &issues)
        case .boolean:
            if value.boolValue == nil { issues.append(ValidationIssue(loc: loc, msg: "Input should be a valid boolean", type: "bool_type")) }
        case nil: break
        }
        if let values = schema.enumValues, issues.count == countBefore, let text = value.stringValue, !values.contains(text) {
            issues.append(ValidationIssue(loc: loc, msg: "Input should be \(quotedAlternatives(values))", type: "enum"))
        }
        guard issues.count == countBefore else { return }
        for rule in schema.checks {
            if let failure = rule(value) {
                issues.append(ValidationIssue(loc: loc, msg: failure.msg, type: failure.type))
                return
            }
        }
    }

    private static func checkObject(_ value: JSONValue, _ schema: JSONSchema, _ loc: [LocationComponent], _ issues: inout [ValidationIssue]) {
        guard let members = value.objectValue else {
            issues.append(ValidationIssue(loc: loc, msg: "Input should be a valid dictionary or object to extract fields from", type: "model_attributes_type"))
            return
        }
        for (name, propertySchema) in schema.properties {
            let fieldLoc = loc + [.key(name)]
            if let member = members[name] {
                check(member, propertySchema, fieldLoc, &issues)
            } else if schema.required.contains(name) {
                issues.append(.missing(loc: fieldLoc))
            }
        }
    }

    private static func checkArray(_ value: JSONValue, _ schema: JSONSchema, _ loc: [LocationComponent], _ issues: inout [ValidationIssue]) {
        guard let items = value.arrayValue else {
            issues.append(ValidationIssue(loc: loc, msg: "Input should be a valid list", type: "list_type"))
            return
        }
        if let minimum = schema.minItems, items.count < minimum {
            issues.append(ValidationIssue(loc: loc, msg: "List should have at least \(minimum) item\(minimum == 1 ? "" : "s") after validation, not \(items.count)", type: "too_short"))
            return
        }
        if let maximum = schema.maxItems, items.count > maximum {
            issues.append(ValidationIssue(loc: loc, msg: "List should have at most \(maximum) item\(maximum == 1 ? "" : "s") after validation, not \(items.count)", type: "too_long"))
            return
        }
        if let itemSchema = schema.items {
            for (index, item) in items.enumerated() { check(item, itemSchema, loc + [.index(index)], &issues) }
        }
    }

    private static func checkString(_ value: JSONValue, _ schema: JSONSchema, _ loc: [LocationComponent], _ issues: inout [ValidationIssue]) {
        guard let text = value.stringValue else {
            issues.append(ValidationIssue(loc: loc, msg: "Input should be a valid string", type: "string_type"))
            return
        }
        let length = text.unicodeScalars.count
        if let minimum = schema.minLength, length < minimum {
            issues.append(ValidationIssue(loc: loc, msg: "String should have at least \(minimum) character\(minimum == 1 ? "" : "s")", type: "string_too_short"))
        } else if let maximum = schema.maxLength, length > maximum {
            issues.append(ValidationIssue(loc: loc, msg: "String should have at most \(maximum) character\(maximum == 1 ? "" : "s")", type: "string_too_long"))
        } else if let pattern = schema.pattern, !matches(text, pattern: pattern) {
            issues.append(ValidationIssue(loc: loc, msg: "String should match pattern '\(pattern)'", type: "string_pattern_mismatch"))
        }
    }

    private static func checkNumber(_ value: JSONValue, _ schema: JSONSchema, _ loc: [LocationComponent], _ issues: inout [ValidationIssue]) {
        guard case .number(let text) = value, let number = Double(text) else {
            let (msg, type) = schema.kind == .integer
                ? ("Input should be a valid integer", "int_type") : ("Input should be a valid number", "float_type")
            issues.append(ValidationIssue(loc: loc, msg: msg, type: type))
            return
        }
        if schema.kind == .integer && Int(text) == nil {
            let fractional = number.rounded() != number
            issues.append(fractional
                ? ValidationIssue(loc: loc, msg: "Input should be a valid integer, got a number with a fractional part", type: "int_from_float")
                : ValidationIssue(loc: loc, msg: "Input should be a valid integer", type: "int_type"))
            return
        }
        if let minimum = schema.minimum, number < minimum {
            issues.append(ValidationIssue(loc: loc, msg: "Input should be greater than or equal to \(format(minimum))", type: "greater_than_equal"))
        } else if let minimum = schema.exclusiveMinimum, number <= minimum {
            issues.append(ValidationIssue(loc: loc, msg: "Input should be greater than \(format(minimum))", type: "greater_than"))
        } else if let maximum = schema.maximum, number > maximum {
            issues.append(ValidationIssue(loc: loc, msg: "Input should be less than or equal to \(format(maximum))", type: "less_than_equal"))
        }
    }

    static func matches(_ text: String, pattern: String) -> Bool {
        guard let regex = try? Regex(pattern) else { return false }
        return (try? regex.firstMatch(in: text)) != nil
    }

    static func format(_ number: Double) -> String {
        number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number)
    }

    static func quotedAlternatives(_ values: [String]) -> String {
        let quoted = values.map { "'\($0)'" }
        guard quoted.count > 1 else { return quoted.first ?? "" }
        return quoted.dropLast().joined(separator: ", ") + " or " + quoted.last!
    }
}
