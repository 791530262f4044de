import Database

/// The filters of `GET /posts` (and of a tag's page), as SQL on `posts p`.
struct PostFilter {
    var status: PostStatus?
    var authorID: Int?
    var tagSlug: String?
    var tagID: Int?
    var search: String?

    /// The tag of a tag's page that nothing else filters: its total is that tag's counter.
    var onlyTagID: Int? { status == nil && authorID == nil && tagSlug == nil && search == nil ? tagID : nil }

    func conditions() -> [SQL] {
        var conditions: [SQL] = []
        if let status { conditions.append("p.status = \(status.rawValue)") }
        if let authorID { conditions.append("p.author_id = \(authorID)") }
        if let tagSlug {
            conditions.append("p.id IN (SELECT ft.post_id FROM post_tags ft JOIN tags ftt ON ftt.id = ft.tag_id WHERE ftt.slug = \(tagSlug))")
        }
        if let tagID { conditions.append("p.id IN (SELECT ft.post_id FROM post_tags ft WHERE ft.tag_id = \(tagID))") }
        if let search { conditions.append(LikePattern.anyColumn(["p.title", "p.content"], contains: search)) }
        return conditions
    }
}
