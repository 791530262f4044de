extension SQL {
    /// Collects literal text (from source code only) and bound values.
    public struct StringInterpolation: StringInterpolationProtocol, Sendable {
        public typealias StringLiteralType = StaticString

        var elements: [Element] = []

        public init(literalCapacity: Int, interpolationCount: Int) {
            elements.reserveCapacity(interpolationCount * 2 + 1)
        }

        public mutating func appendLiteral(_ literal: StaticString) {
            if literal.utf8CodeUnitCount > 0 { elements.append(.literal(literal)) }
        }

        /// `\(value)`: a bound parameter, never text.
        public mutating func appendInterpolation(_ value: some DatabaseValueConvertible) {
            elements.append(.value(value.databaseValue))
        }

        /// `\(optional)`: a bound parameter, NULL for nil. (Declared separately so
        /// that optionals interpolate without the compiler's debug-description warning.)
        public mutating func appendInterpolation<T: DatabaseValueConvertible>(_ value: T?) {
            elements.append(.value(value?.databaseValue ?? .null))
        }

        /// `\(sql: fragment)`: another `SQL` value, its bindings kept.
        public mutating func appendInterpolation(sql fragment: SQL) {
            elements.append(contentsOf: fragment.elements)
        }

        /// `\(list: ids)`: `(?, ?, ?)` for `IN`/`NOT IN`, parentheses included; an
        /// empty list is still valid SQL and matches no row.
        public mutating func appendInterpolation<T: DatabaseValueConvertible>(list values: some Sequence<T>) {
            elements.append(.list(values.map(\.databaseValue), castType: T.sqlTypeName))
        }

        /// `\(identifier: "order")`: a double-quoted identifier, from code only.
        public mutating func appendInterpolation(identifier: StaticString) {
            elements.append(.identifier(identifier))
        }
    }
}
