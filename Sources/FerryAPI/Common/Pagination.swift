import HTTP

/// `page` (>= 1, default 1) and `page_size` (1..100, default 20), declared once for every list.
struct Pagination {
    let page: Int
    let pageSize: Int

    var offset: Int { (page - 1) * pageSize }

    static let parameters: [RouteParameter] = [
        .query("page", JSONSchema.integer(minimum: 1).defaulting(to: 1), "Page number, from 1"),
        .query("page_size", JSONSchema.integer(minimum: 1, maximum: 100).defaulting(to: 20), "Items per page, 1 to 100"),
    ]

    init(page: Int, pageSize: Int) {
        self.page = page
        self.pageSize = pageSize
    }

    init(_ parameters: Parameters) {
        self.init(page: parameters.int("page") ?? 1, pageSize: parameters.int("page_size") ?? 20)
    }
}
