/// Turns the strings of a path or query into typed values per the route's declared
/// parameters, answering every failure at once (422 with `loc` `["query", "page"]`).
enum ParameterValidator {
    static func validate(_ request: Request, against declared: [RouteParameter]) throws -> Parameters {
        var parameters = Parameters()
        var issues: [ValidationIssue] = []
        for parameter in declared {
            let loc: [LocationComponent] = [.key(parameter.location.rawValue), .key(parameter.name)]
            let raw: String? = switch parameter.location {
            case .path: request.pathParameters[parameter.name]
            case .query: request.query[parameter.name]
            case .header: request.headers[parameter.name]
            }
            guard let raw else {
                if parameter.required {
                    issues.append(.missing(loc: loc))
                } else if let fallback = parameter.schema.defaultValue {
                    parameters.values[parameter.name] = fallback
                }
                continue
            }
            switch convert(raw, to: parameter.schema, loc: loc) {
            case .success(let value):
                let failures = SchemaValidator.validate(value, against: parameter.schema, at: loc)
                if failures.isEmpty { parameters.values[parameter.name] = value } else { issues += failures }
            case .failure(let issue):
                issues.append(issue)
            }
        }
        guard issues.isEmpty else { throw ValidationError(issues) }
        return parameters
    }

    private static func convert(_ raw: String, to schema: JSONSchema, loc: [LocationComponent]) -> Result<JSONValue, ValidationIssue> {
        switch schema.resolved.kind {
        case .integer:
            guard Int(raw) != nil else { return .failure(.intParsing(loc: loc)) }
            return .success(.number(raw))
        case .number:
            guard Double(raw) != nil, !raw.contains(where: { $0.isLetter && $0 != "e" && $0 != "E" }) else {
                return .failure(ValidationIssue(loc: loc, msg: "Input should be a valid number, unable to parse string as a number", type: "float_parsing"))
            }
            return .success(.number(raw))
        case .boolean:
            switch raw.lowercased() {
            case "true", "1", "yes", "on", "t", "y": return .success(.bool(true))
            case "false", "0", "no", "off", "f", "n": return .success(.bool(false))
            default: return .failure(ValidationIssue(loc: loc, msg: "Input should be a valid boolean, unable to interpret input", type: "bool_parsing"))
            }
        default:
            return .success(.string(raw))
        }
    }
}

extension ValidationIssue: Error {}
