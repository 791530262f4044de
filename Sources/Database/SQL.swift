/// A statement or fragment of SQL whose every interpolated value is a bound parameter.
///
/// ```swift
/// let sql: SQL = "SELECT * FROM users WHERE email = \(email) AND id IN \(list: ids)"
/// ```
///
/// The literal text can only come from source code: the literal type is
/// `StaticString`, and there is no initialiser from a runtime `String`. Values become
/// placeholders (`?` or `$n`) when the statement is rendered for a `Dialect`;
/// identifiers come from `\(identifier:)` with a `StaticString`; fragments compose
/// with `\(sql:)`.
public struct SQL: Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    public typealias StringLiteralType = StaticString

    enum Element: Sendable {
        case literal(StaticString)
        case value(DatabaseValue)
        case identifier(StaticString)
        /// Parenthesised list for `IN`; when empty, a subquery with no rows, typed with
        /// `castType` so that PostgreSQL can still compare it.
        case list([DatabaseValue], castType: StaticString)
        case perDialect(sqlite: SQL, postgresql: SQL)
    }

    var elements: [Element]

    public init(stringLiteral value: StaticString) {
        elements = [.literal(value)]
    }

    public init(stringInterpolation: StringInterpolation) {
        elements = stringInterpolation.elements
    }

    init(elements: [Element]) {
        self.elements = elements
    }

    /// No text at all; the neutral element of `+` and `joined`.
    public static let empty = SQL(elements: [])

    /// `sqlite` on SQLite and `postgresql` on PostgreSQL.
    public static func dialect(sqlite: SQL, postgresql: SQL) -> SQL {
        SQL(elements: [.perDialect(sqlite: sqlite, postgresql: postgresql)])
    }

    /// ` FOR UPDATE` on PostgreSQL, nothing on SQLite (which has no row locks; use a
    /// `TransactionMode.immediate` session there).
    public static let forUpdate: SQL = .dialect(sqlite: .empty, postgresql: " FOR UPDATE")

    public var isEmpty: Bool {
        elements.allSatisfy {
            if case .literal(let s) = $0 { return s.utf8CodeUnitCount == 0 }
            return false
        }
    }

    /// Fragments separated by a literal separator (`", "`, `" AND "`); empty input
    /// gives `SQL.empty`.
    public static func joined(_ parts: some Sequence<SQL>, separator: StaticString) -> SQL {
        var out: [Element] = []
        for part in parts {
            if !out.isEmpty { out.append(.literal(separator)) }
            out.append(contentsOf: part.elements)
        }
        return SQL(elements: out)
    }

    /// A column list from code (`RowDecodable.columns`): `id, title` or, with a table
    /// alias, `p.id, p.title`, so a statement selects what its record reads.
    public static func columns(_ names: [StaticString], of table: StaticString? = nil) -> SQL {
        var out: [Element] = []
        out.reserveCapacity(names.count * 4)
        for name in names {
            if !out.isEmpty { out.append(.literal(", ")) }
            if let table { out += [.literal(table), .literal(".")] }
            out.append(.literal(name))
        }
        return SQL(elements: out)
    }

    public static func + (lhs: SQL, rhs: SQL) -> SQL {
        SQL(elements: lhs.elements + rhs.elements)
    }

    public static func += (lhs: inout SQL, rhs: SQL) {
        lhs.elements.append(contentsOf: rhs.elements)
    }

    /// The statement as the given database sees it: text with placeholders and the
    /// values to bind, in order.
    public func rendered(for dialect: Dialect) -> RenderedSQL {
        var text: [UInt8] = []
        text.reserveCapacity(128)
        var bindings: [DatabaseValue] = []
        render(dialect, &text, &bindings)
        return RenderedSQL(text: String(decoding: text, as: UTF8.self), bindings: bindings)
    }

    private func render(_ dialect: Dialect, _ text: inout [UInt8], _ bindings: inout [DatabaseValue]) {
        for element in elements {
            switch element {
            case .literal(let s):
                s.withUTF8Buffer { text.append(contentsOf: $0) }
            case .value(let v):
                bindings.append(v)
                dialect.appendPlaceholder(bindings.count, to: &text)
            case .identifier(let name):
                text.append(UInt8(ascii: "\""))
                name.withUTF8Buffer { buffer in
                    for byte in buffer {
                        if byte == UInt8(ascii: "\"") { text.append(byte) }
                        text.append(byte)
                    }
                }
                text.append(UInt8(ascii: "\""))
            case .list(let values, let castType):
                text.append(UInt8(ascii: "("))
                if values.isEmpty {
                    // `x IN ()` is a syntax error; a typed empty subquery keeps both
                    // `IN` (no row) and `NOT IN` (every row) correct on both databases.
                    text.append(contentsOf: "SELECT CAST(NULL AS ".utf8)
                    castType.withUTF8Buffer { text.append(contentsOf: $0) }
                    text.append(contentsOf: ") WHERE 1 = 0".utf8)
                } else {
                    for (i, v) in values.enumerated() {
                        if i > 0 { text.append(contentsOf: ", ".utf8) }
                        bindings.append(v)
                        dialect.appendPlaceholder(bindings.count, to: &text)
                    }
                }
                text.append(UInt8(ascii: ")"))
            case .perDialect(let sqlite, let postgresql):
                (dialect == .sqlite ? sqlite : postgresql).render(dialect, &text, &bindings)
            }
        }
    }

    /// Whether any value is bound (migrations must be plain scripts).
    var hasBindings: Bool {
        elements.contains {
            switch $0 {
            case .value, .list: true
            case .perDialect(let a, let b): a.hasBindings || b.hasBindings
            default: false
            }
        }
    }

    /// The SQLite rendering with values shown as `?`: safe to log, never holds data.
    public var description: String {
        rendered(for: .sqlite).text
    }
}
