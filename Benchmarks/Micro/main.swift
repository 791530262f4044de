// Microbenchmarks of Ferry's hot paths (issue 8, item 3): a harness of its own that prints
// one line per path (operations per second and nanoseconds per operation), so a
// regression shows in numbers. Not a test: CI builds it (`swift build`) but never runs it.
//
//   swift run -c release ferry-microbench [--quick] [FILTER]   (FILTER: run only rows whose name contains it,
//                                                                for `perf record` of one path)
//
// Each figure is the best of 5 rounds of N iterations after a warm-up (the machine is
// shared: the best round is the least disturbed one). Absolute figures drift between
// runs; compare rows of one run, or the same row before and after a change.
import Database
import FerryAPI
import FerryTesting
import Foundation
import HTTP

let quick = CommandLine.arguments.contains("--quick")
let filter = CommandLine.arguments.dropFirst().first { !$0.hasPrefix("--") }

/// Best of 5 rounds; returns nanoseconds per call.
func bench(_ name: String, iterations: Int, _ body: (Int) throws -> Void) rethrows {
    if let filter, !name.contains(filter) { return }
    let n = quick ? max(1, iterations / 10) : iterations
    for index in 0..<max(1, n / 10) { try body(index) }
    var best = Double.infinity
    for _ in 0..<5 {
        let start = ContinuousClock.now
        for index in 0..<n { try body(index) }
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        best = min(best, seconds / Double(n))
    }
    let nanoseconds = best * 1e9
    let name = name.padding(toLength: 64, withPad: " ", startingAt: 0)
    print("| \(name) | \(String(format: "%12.0f", 1 / best)) | \(String(format: "%10.0f", nanoseconds)) |")
}

@inline(never) func blackHole<T>(_ value: T) { withExtendedLifetime(value) {} }

print("| path | ops/s | ns/op |\n|---|---:|---:|")

// FastCGI params -> Request: what nginx sends for GET /products/{id} with a bearer token.
let params: [String: String] = [
    "QUERY_STRING": "", "REQUEST_METHOD": "GET", "CONTENT_TYPE": "", "CONTENT_LENGTH": "",
    "SCRIPT_NAME": "/products/17", "REQUEST_URI": "/products/17", "DOCUMENT_URI": "/products/17",
    "DOCUMENT_ROOT": "/usr/share/nginx/html", "SERVER_PROTOCOL": "HTTP/1.1", "REQUEST_SCHEME": "http",
    "GATEWAY_INTERFACE": "CGI/1.1", "SERVER_SOFTWARE": "nginx", "REMOTE_ADDR": "127.0.0.1", "REMOTE_PORT": "51234",
    "SERVER_ADDR": "127.0.0.1", "SERVER_PORT": "8080", "SERVER_NAME": "", "REDIRECT_STATUS": "200",
    "HTTP_HOST": "127.0.0.1:8080", "HTTP_USER_AGENT": "wrk", "HTTP_ACCEPT": "*/*",
    "HTTP_AUTHORIZATION": "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl",
]
bench("CGIGateway.makeRequest (22 nginx params)", iterations: 200_000) { _ in
    blackHole(CGIGateway.makeRequest(params: params))
}

// Routing against Ferry's own route table.
let routerPool = ConnectionPool(url: .sqliteMemory)
let router = FerryApplication.makeRouter(configuration: .testing, pool: routerPool)
let paths: [(HTTPMethod, String)] = [(.get, "/"), (.get, "/products/17"), (.get, "/users/42"), (.post, "/orders"),
                                     (.get, "/users/by-email/a@example.com"), (.get, "/no/such/path")]
bench("Router.match (Ferry's table, 6 paths in turn)", iterations: 100_000) { index in
    let (method, path) = paths[index % paths.count]
    blackHole(router.match(method, path: path))
}

// JSON: a page of 20 posts with their author and tags, as a list endpoint answers.
struct AuthorOut: Codable { let id: Int; let username: String; let fullName: String? }
struct TagOut: Codable { let id: Int; let name: String; let slug: String }
struct PostOut: Codable {
    let id: Int; let title: String; let slug: String; let content: String; let status: String; let viewCount: Int
    let author: AuthorOut; let tags: [TagOut]; let publishedAt: Date?; let createdAt: Date; let updatedAt: Date
}
struct PageOut: Codable { let items: [PostOut]; let total: Int; let page: Int; let pageSize: Int; let pages: Int }
let now = Date(timeIntervalSince1970: 1_790_000_000)
let page = PageOut(items: (1...20).map { i in
    PostOut(id: i, title: "Post \(i): the ferry crossing at dawn", slug: "post-\(i)",
            content: String(repeating: "Lantern deck rope anchor river passenger morning. ", count: 10), status: "published",
            viewCount: i * 7, author: AuthorOut(id: i, username: "user\(i)", fullName: "User \(i)"),
            tags: (0..<3).map { TagOut(id: i + $0, name: "Tag\(i + $0)", slug: "tag\(i + $0)") },
            publishedAt: now, createdAt: now, updatedAt: now)
}, total: 2000, page: 1, pageSize: 20, pages: 100)
let encodedSize = try JSONCoding.encode(page).count
try bench("JSONCoding.encode: 20 posts + author + tags (\(encodedSize) B)", iterations: 5_000) { _ in
    blackHole(try JSONCoding.encode(page))
}
// The same page as types that list their members (JSONObjectEncodable), as Ferry's response
// types do: written straight into the bytes instead of through keyed containers.
struct AuthorMembers: JSONObjectEncodable {
    let author: AuthorOut
    func encodeMembers(to object: inout JSONObjectMembers) throws {
        try object.encode(author.id, forKey: "id")
        try object.encode(author.username, forKey: "username")
        try object.encodeIfPresent(author.fullName, forKey: "full_name")
    }
}
struct TagMembers: JSONObjectEncodable {
    let tag: TagOut
    func encodeMembers(to object: inout JSONObjectMembers) throws {
        try object.encode(tag.id, forKey: "id")
        try object.encode(tag.name, forKey: "name")
        try object.encode(tag.slug, forKey: "slug")
    }
}
struct PostMembers: JSONObjectEncodable {
    let post: PostOut; let author: AuthorMembers; let tags: [TagMembers]
    init(_ post: PostOut) { self.post = post; author = AuthorMembers(author: post.author); tags = post.tags.map(TagMembers.init) }
    func encodeMembers(to object: inout JSONObjectMembers) throws {
        try object.encode(post.id, forKey: "id")
        try object.encode(post.title, forKey: "title")
        try object.encode(post.slug, forKey: "slug")
        try object.encode(post.content, forKey: "content")
        try object.encode(post.status, forKey: "status")
        try object.encode(post.viewCount, forKey: "view_count")
        try object.encode(author, forKey: "author")
        try object.encode(tags, forKey: "tags")
        try object.encodeIfPresent(post.publishedAt, forKey: "published_at")
        try object.encode(post.createdAt, forKey: "created_at")
        try object.encode(post.updatedAt, forKey: "updated_at")
    }
}
struct PageMembers: JSONObjectEncodable {
    let page: PageOut; let items: [PostMembers]
    func encodeMembers(to object: inout JSONObjectMembers) throws {
        try object.encode(items, forKey: "items")
        try object.encode(page.total, forKey: "total")
        try object.encode(page.page, forKey: "page")
        try object.encode(page.pageSize, forKey: "page_size")
        try object.encode(page.pages, forKey: "pages")
    }
}
let pageMembers = PageMembers(page: page, items: page.items.map(PostMembers.init))
guard try JSONCoding.encode(pageMembers) == JSONCoding.encode(page) else { fatalError("JSONObjectEncodable page differs from the Codable one") }
try bench("JSONCoding.encode: same 20 posts as JSONObjectEncodable", iterations: 5_000) { _ in
    blackHole(try JSONCoding.encode(pageMembers))
}
// What JSONCoding.encode did before StreamingJSONEncoder, kept as the yardstick for the row above.
try bench("Foundation JSONEncoder per call (before): same 20 posts", iterations: 2_000) { _ in
    blackHole(try JSONCoding.makeEncoder().encode(page))
}

// SQL: interpolation (every value a bound parameter) and rendering per dialect.
bench("SQL interpolation + rendered(for: .postgresql), 3 binds", iterations: 200_000) { index in
    let sql: SQL = "SELECT p.id, p.name FROM products p WHERE p.id = \(index) AND p.is_active = \(true) AND p.name <> \("x")"
    blackHole(sql.rendered(for: .postgresql))
}
bench("SQL rendered(for: .sqlite), ProductRepository-sized statement", iterations: 200_000) { index in
    let sql: SQL = """
        SELECT p.id, p.name, p.slug, p.description, p.price_cents, p.stock_quantity, p.sku, p.is_active, p.category_id,
               p.created_at, p.updated_at, c.name AS category_name, c.slug AS category_slug
        FROM products p LEFT JOIN categories c ON c.id = p.category_id WHERE p.id = \(index)
        """
    blackHole(sql.rendered(for: .sqlite))
}

// Sessions on a SQLite file (WAL): check-out, BEGIN, one statement, COMMIT, check-in.
let directory = try TestEnvironment.makeTemporaryDirectory("ferry-microbench")
defer { try? FileManager.default.removeItem(at: directory) }
let pool = ConnectionPool(url: try DatabaseURL("sqlite:///\(directory.path)/micro.db"))
try pool.withConnection { _ = try AppMigrations.makeMigrator().up($0) }
try bench("Session cycle: checkout, BEGIN, SELECT ? (bound), COMMIT", iterations: 50_000) { index in
    let session = pool.makeSession()
    session.recordsStatements = false
    blackHole(try session.fetchScalar("SELECT \(index)", as: Int.self))
    try session.commit()
    session.close()
}
let held = pool.makeSession()
held.recordsStatements = false
try held.begin(.deferred)
try bench("Session.fetchScalar in a transaction (bind, step, decode)", iterations: 200_000) { index in
    blackHole(try held.fetchScalar("SELECT \(index)", as: Int.self))
}
try held.commit()
held.close()

// A whole request in process (no FastCGI, no nginx): params -> middleware -> router ->
// handler -> SQLite -> JSON -> response bytes. The Ferry-side cost of one GET /products/{id}.
let client = try TestClient.ferry(pool: pool)
/// 200 products in one category, as the suite's seed has them.
func seedProducts(_ pool: ConnectionPool) throws {
    let seed = pool.makeSession()
    try seed.begin(.immediate)
    _ = try seed.execute("INSERT INTO categories (name, slug, created_at) VALUES ('Category 1', 'category-1', '2026-01-01T00:00:00.000000Z')")
    for i in 1...200 {
        _ = try seed.execute("""
            INSERT INTO products (name, slug, description, price_cents, stock_quantity, sku, is_active, category_id, created_at, updated_at)
            VALUES (\("Product \(i)"), \("product-\(i)"), 'Lantern deck rope anchor river passenger morning.', \(i * 100 + 99), 1000,
                    \("SKU-\(i)"), \(true), 1, '2026-01-01T00:00:00.000000Z', '2026-01-01T00:00:00.000000Z')
            """)
    }
    try seed.commit()
    seed.close()
}
try seedProducts(pool)
guard client.get("/products/7").status == 200 else { fatalError("GET /products/7 did not answer 200") }
bench("in-process GET / (gateway + middleware + router + JSON)", iterations: 50_000) { _ in
    blackHole(client.get("/"))
}
bench("in-process GET /products/{id} (… + session + SQLite)", iterations: 20_000) { index in
    blackHole(client.get("/products/\(index % 200 + 1)"))
}
// The same through the gateway alone, with the params nginx sends (as `params` above), so the
// test client's own work (building params, parsing the response back) is not counted.
// The benchmark's wrk sends no token for these.
let anonymousParams = params.filter { $0.key != "HTTP_AUTHORIZATION" }
let productParams = (1...200).map { id in
    anonymousParams.merging(["SCRIPT_NAME": "/products/\(id)", "REQUEST_URI": "/products/\(id)", "DOCUMENT_URI": "/products/\(id)"]) { $1 }
}
let rootParams = anonymousParams.merging(["SCRIPT_NAME": "/", "REQUEST_URI": "/", "DOCUMENT_URI": "/"]) { $1 }
var probeBody = BytesBodySource([])
guard client.gateway.respond(params: productParams[6], body: &probeBody).status.code == 200 else { fatalError("gateway GET /products/7 did not answer 200") }
bench("gateway GET / (params -> response bytes)", iterations: 50_000) { _ in
    var body = BytesBodySource([])
    blackHole(CGIGateway.serialize(client.gateway.respond(params: rootParams, body: &body)))
}
bench("gateway GET /products/{id} (params -> response bytes, SQLite)", iterations: 20_000) { index in
    var body = BytesBodySource([])
    blackHole(CGIGateway.serialize(client.gateway.respond(params: productParams[index % 200], body: &body)))
}
// The same on PostgreSQL (a throwaway database on the test server), when one is configured:
// FERRY_TEST_POSTGRES_URL, as for the tests.
let postgresRow = "gateway GET /products/{id} (params -> response bytes, PostgreSQL)"
if filter.map({ postgresRow.contains($0) }) ?? true, ProcessInfo.processInfo.environment["FERRY_TEST_POSTGRES_URL"] != nil {
    let database = try PostgresServer.shared().createDatabase()
    defer { try? database.drop() }
    let postgresPool = ConnectionPool(url: database.url)
    let postgresClient = try TestClient.ferry(pool: postgresPool)
    try seedProducts(postgresPool)
    var body = BytesBodySource([])
    guard postgresClient.gateway.respond(params: productParams[6], body: &body).status.code == 200 else {
        fatalError("gateway GET /products/7 on PostgreSQL did not answer 200")
    }
    bench(postgresRow, iterations: 5_000) { index in
        var body = BytesBodySource([])
        blackHole(CGIGateway.serialize(postgresClient.gateway.respond(params: productParams[index % 200], body: &body)))
    }
    postgresPool.close()
}

// The rows below need 2,000 posts seeded through the API (seconds, and most of a profile):
// a FILTER that picks none of them stops here.
let postsRowWords = ["in-process GET /posts (20 of 2,000), built, cached, anonymous, a regular user, a superuser",
                     "in-process GET /tags (40 tags, 2,000 posts), anonymous", "decode 20 posts rows: RowDecodable (by position)",
                     "decode 20 posts rows: Decodable (by column name)"]
if let filter, !postsRowWords.contains(where: { $0.contains(filter) }) { exit(0) }

// GET /posts?page_size=20 in process on SQLite: 2,000 posts by 10 authors (every tenth a
// draft), three of 40 tags each, seeded through the API like Benchmarks/seed-posts.py.
// Each embedded tag carries `post_count` for the caller, so anonymous, a regular user (their
// own drafts count too) and a superuser take different paths.
var authors: [[(String, String)]] = []
for index in 0..<10 {
    let name = "author\(index)"
    let registered = client.post("/auth/register", json: ["username": .string(name), "email": .string("\(name)@example.com"), "password": "Passw0rd"])
    let login = client.request(.post, "/auth/token", headers: [("Content-Type", "application/x-www-form-urlencoded")],
                               body: Array("username=\(name)&password=Passw0rd".utf8))
    guard registered.status == 201, let token = login.json["access_token"]?.stringValue else { fatalError("registering \(name) failed") }
    authors.append([("Authorization", "Bearer \(token)")])
}
var tagState: UInt64 = 7
for index in 0..<2_000 {
    var tags = Set<Int>()
    while tags.count < 3 {
        // A fixed linear congruential sequence: the same tags on every run.
        tagState = tagState &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        tags.insert(Int((tagState >> 33) % 40))
    }
    let created = client.post("/posts", json: [
        "title": .string("Post number \(index)"), "content": "Lantern deck rope anchor river passenger morning.",
        "status": .string(index % 10 == 9 ? "draft" : "published"), "tags": .array(tags.sorted().map { .string("Topic \($0)") }),
    ], headers: authors[index % authors.count])
    guard created.status == 201 else { fatalError("seeding post \(index) failed: \(created.status)") }
}
_ = try UserAccounts.createSuperuser(username: "admin", email: "admin@example.com", password: "Passw0rd",
                                     configuration: .testing, pool: pool)
let adminLogin = client.request(.post, "/auth/token", headers: [("Content-Type", "application/x-www-form-urlencoded")],
                                body: Array("username=admin&password=Passw0rd".utf8))
let admin = [("Authorization", "Bearer \(adminLogin.json["access_token"]?.stringValue ?? "")")]
// Pages built every time (POST_PAGE_CACHE=off), then served from the page cache (the default).
var uncached = Configuration.testing
uncached.postPageCache = false
let building = try TestClient.ferry(pool: pool, configuration: uncached)
for (label, pages) in [("built", building), ("cached", client)] {
    for (caller, headers) in [("anonymous", [(String, String)]()), ("a regular user", authors[3]), ("a superuser", admin)] {
        guard pages.get("/posts?page_size=20", headers: headers).json["items"]?.arrayValue?.count == 20 else {
            fatalError("GET /posts?page_size=20 as \(caller) did not answer 20 posts")
        }
        bench("in-process GET /posts (20 of 2,000), \(label), \(caller)", iterations: 500) { index in
            blackHole(pages.get("/posts?page=\(index % 90 + 1)&page_size=20", headers: headers))
        }
    }
}
bench("in-process GET /tags (40 tags, 2,000 posts), anonymous", iterations: 500) { _ in
    blackHole(client.get("/tags"))
}

// Decoding alone: 20 rows of `posts` as a page reads them, by position and through Codable.
let reader = pool.makeSession()
reader.recordsStatements = false
let postRows = try reader.fetchRows("SELECT \(sql: SQL.columns(PostShape.columns)) FROM posts ORDER BY id LIMIT 20")
reader.close()
try bench("decode 20 posts rows: RowDecodable (by position)", iterations: 20_000) { _ in
    blackHole(try postRows.decode(PostShape.self))
}
try bench("decode 20 posts rows: Decodable (by column name)", iterations: 5_000) { _ in
    blackHole(try postRows.map { try $0.decode(PostShape.self) })
}
