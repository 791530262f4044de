import HTTP

/// The envelope of every list that can grow (API.md): items plus where the page stands.
/// Items list their members too, so the streaming encoder writes them without asking what they are.
public struct Page<Item: JSONObjectEncodable & SchemaDescribed>: JSONObjectEncodable, SchemaDescribed {
    public let items: [Item]
    public let total: Int
    public let page: Int
    public let pageSize: Int
    public let totalPages: Int
    public let hasNext: Bool
    public let hasPrevious: Bool

    /// Items encoded before (a cached page's), written instead of `items`, which is then empty.
    private let encodedItems: [EncodedJSON]?

    init(items: [Item], total: Int, pagination: Pagination) {
        self.init(items: items, encodedItems: nil, total: total, pagination: pagination)
    }

    init(encodedItems: [EncodedJSON], total: Int, pagination: Pagination) {
        self.init(items: [], encodedItems: encodedItems, total: total, pagination: pagination)
    }

    private init(items: [Item], encodedItems: [EncodedJSON]?, total: Int, pagination: Pagination) {
        self.items = items
        self.encodedItems = encodedItems
        self.total = total
        page = pagination.page
        pageSize = pagination.pageSize
        totalPages = (total + pagination.pageSize - 1) / pagination.pageSize
        hasNext = pagination.page < totalPages
        hasPrevious = pagination.page > 1
    }

    public func encodeMembers(to object: inout JSONObjectMembers) throws {
        if let encodedItems { try object.encode(encodedItems, forKey: "items") } else { try object.encode(items, forKey: "items") }
        try object.encode(total, forKey: "total")
        try object.encode(page, forKey: "page")
        try object.encode(pageSize, forKey: "page_size")
        try object.encode(totalPages, forKey: "total_pages")
        try object.encode(hasNext, forKey: "has_next")
        try object.encode(hasPrevious, forKey: "has_previous")
    }

    public static var schemaName: String { "Page_\(Item.schemaName)_" }

    public static var schema: JSONSchema {
        .object([
            "items": .array(.ref(Item.self)), "total": .integer(minimum: 0), "page": .integer(minimum: 1),
            "page_size": .integer(minimum: 1, maximum: 100), "total_pages": .integer(minimum: 0),
            "has_next": .boolean, "has_previous": .boolean,
        ], required: ["items", "total", "page", "page_size", "total_pages", "has_next", "has_previous"])
    }
}
