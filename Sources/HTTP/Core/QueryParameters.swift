/// Parsed `name=value&...` pairs (a query string or a form body), percent-decoded, in order.
/// A name may repeat; `subscript` answers the first value.
public struct QueryParameters: Sendable {
    public private(set) var pairs: [(name: String, value: String)]

    public init(_ pairs: [(name: String, value: String)] = []) { self.pairs = pairs }

    public init(parsing text: String) {
        var pairs: [(name: String, value: String)] = []
        for part in text.split(separator: "&", omittingEmptySubsequences: true) {
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = percentDecode(pieces[0], plusAsSpace: true)
            let value = pieces.count > 1 ? percentDecode(pieces[1], plusAsSpace: true) : ""
            pairs.append((name, value))
        }
        self.pairs = pairs
    }

    public subscript(name: String) -> String? { pairs.first { $0.name == name }?.value }

    public func all(_ name: String) -> [String] { pairs.filter { $0.name == name }.map(\.value) }

    public var isEmpty: Bool { pairs.isEmpty }
}
