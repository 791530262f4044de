/// One row of `tags`, without counts.
struct TagRecord: Decodable, Sendable {
    let id: Int
    let name: String
    let slug: String
}
