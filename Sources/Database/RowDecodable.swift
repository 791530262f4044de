/// A record read from a row by position, without `Codable`: `init(row:)` takes the
/// values in the order of `columns`, so a row costs no column-name lookups, no
/// decoder containers and no existential boxes (a page of posts decoded through
/// `Decodable` spent most of its decoding time hashing column names).
///
/// The result's column names are compared with `columns` once per result
/// (`Rows.decode(_:)`), so a statement that selects other columns, or the same ones
/// in another order, fails with a `DatabaseError.conversion` naming both lists
/// instead of filling a property from the wrong column. Build the statement's column
/// list from `columns` (`SQL.columns(_:of:)`) so the two cannot drift apart.
///
/// ```swift
/// struct TagRecord: RowDecodable {
///     let id: Int, name: String
///     static let columns: [StaticString] = ["id", "name"]
///     init(row: inout RowReader) throws {
///         id = try row.next()
///         name = try row.next()
///     }
/// }
/// ```
///
/// A type that is also `Decodable` is fetched positionally: `Session` prefers this.
public protocol RowDecodable {
    /// The columns `init(row:)` reads, in the order it reads them, as the result
    /// names them (the alias of `c.name AS category_name`, lowercase on PostgreSQL).
    /// `StaticString` because they are also SQL text (`SQL.columns(_:of:)`).
    static var columns: [StaticString] { get }

    /// Reads every column of `columns`, in order, with `row.next()`.
    init(row: inout RowReader) throws
}
