import Database
import HTTP

/// A money amount in a request: a JSON number or a string, with at most two fraction
/// digits, within bounds; what fails is a 422 with pydantic's decimal messages.
enum MoneyField {
    static func schema(exclusiveMinimum: Money = .zero, maximum: Money = Money(cents: 9_999_999_999)) -> JSONSchema {
        JSONSchema.anyOf([.number(), .string()], description: "An exact amount: a number or a string with at most two fraction digits")
            .checked { value in
                guard let money = parse(value) else {
                    let text = value.stringValue ?? { if case .number(let raw) = value { raw } else { "" } }()
                    return text.contains(".") && Money(text.split(separator: ".")[0]) != nil
                        ? ("Decimal input should have no more than 2 decimal places", "decimal_max_places")
                        : ("Input should be a valid decimal", "decimal_parsing")
                }
                if money <= exclusiveMinimum { return ("Input should be greater than \(exclusiveMinimum.plain)", "greater_than") }
                if money > maximum { return ("Input should be less than or equal to \(maximum)", "less_than_equal") }
                return nil
            }
    }

    /// The amount of a JSON number or string already checked by `schema`.
    static func parse(_ value: JSONValue) -> Money? {
        switch value {
        case .number(let text), .string(let text): Money(text)
        default: nil
        }
    }
}

extension Money {
    /// `0` rather than `0.00` in messages, as pydantic writes bounds.
    var plain: String { cents % 100 == 0 ? String(cents / 100) : description }
}
