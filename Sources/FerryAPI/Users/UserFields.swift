import HTTP

/// The rules of API.md for each user field, shared by create, update and bulk schemas.
enum UserFields {
    static let username = JSONSchema.string(minLength: 3, maxLength: 50, pattern: "^[A-Za-z0-9_]+$")
    static let email = JSONSchema.string(maxLength: 255, format: "email").checked(by: EmailAddress.check)
    static let password = JSONSchema.string(minLength: 8, maxLength: 100)
        .described("8 to 100 characters, with at least one uppercase letter and one digit")
        .checked { value in
            guard let text = value.stringValue else { return nil }
            if !text.contains(where: \.isUppercase) {
                return ("Value error, Password must contain at least one uppercase letter", "value_error")
            }
            if !text.contains(where: { $0.isASCII && $0.isNumber }) {
                return ("Value error, Password must contain at least one digit", "value_error")
            }
            return nil
        }
    static let fullName = JSONSchema.string(maxLength: 100).orNull
    static let bio = JSONSchema.string(maxLength: 1000).orNull
}
