import Database
import FerryTesting
import Foundation
import HTTP
import Testing

/// 40 concurrent orders of one unit at a product with 10 in stock: exactly 10 succeed,
/// the rest are told it is out of stock, stock ends at 0, and nothing answers 5xx.
@Suite struct NoOversellTests {
    static let orders = 40
    static let stock = 10

    /// The shop and a product with 10 in stock; answers its id and the buyer's token.
    static func prepare(_ app: FerryTestApp) throws -> (product: Int, token: String) {
        let admin = try app.account("admin", superuser: true)
        let buyer = try app.account("buyer")
        let product = app.client.post("/products", json: [
            "name": "Last Ten", "price": "5.00", "sku": "LAST-10", "stock_quantity": .number(String(stock)),
        ], headers: admin.auth)
        return (product.json["id"]?.intValue ?? 0, buyer.token)
    }

    static func body(_ product: Int) -> [UInt8] { Array(#"{"items": [{"product_id": \#(product), "quantity": 1}]}"#.utf8) }

    /// Runs `send` on `orders` threads at once; answers every status.
    static func race(_ send: @escaping @Sendable (Int) -> Int) -> [Int] {
        let statuses = Shared<[Int]>([])
        let start = Shared(false)
        for index in 0..<orders {
            Thread {
                while !start.value { usleep(100) }
                let status = send(index)
                statuses.update { $0.append(status) }
            }.start()
        }
        start.set(true)
        _ = TestEnvironment.wait(seconds: 120) { statuses.value.count == orders }
        return statuses.value
    }

    static func check(_ statuses: [Int], _ app: FerryTestApp, product: Int) throws {
        #expect(statuses.count == orders)
        #expect(statuses.filter { $0 == 201 }.count == stock, "\(statuses)")
        #expect(statuses.filter { $0 == 400 }.count == orders - stock)
        #expect(!statuses.contains { $0 >= 500 })
        let remaining = try app.pool.withConnection { try $0.query("SELECT stock_quantity FROM products WHERE id = \(product)").first?.decode(Int.self, at: 0) }
        #expect(remaining == 0)
        let sold = try app.pool.withConnection { try $0.query("SELECT COALESCE(SUM(quantity), 0) FROM order_items").first?.decode(Int.self, at: 0) }
        #expect(sold == stock)
    }

    @Test(arguments: DatabaseBackend.allCases)
    func throughWorkerThreadsInOneProcess(_ backend: DatabaseBackend) throws {
        let app = try FerryTestApp(backend, pool: PoolOptions(size: 5, maxOverflow: 10))
        let (product, token) = try Self.prepare(app)
        let statuses = Self.race { [client = app.client] _ in
            client.request(.post, "/orders", headers: [("Content-Type", "application/json"), ("Authorization", "Bearer \(token)")],
                           body: Self.body(product)).status
        }
        try Self.check(statuses, app, product: product)
    }

    @Test(arguments: DatabaseBackend.allCases)
    func throughSeveralWorkerProcesses(_ backend: DatabaseBackend) throws {
        let app = try FerryTestApp(backend)
        let (product, token) = try Self.prepare(app)
        let environment = ["DATABASE_URL": app.database.url.description, "LOG_LEVEL": "error"]
        let workers = [try FerryServer(threads: 4, environment: environment), try FerryServer(threads: 4, environment: environment)]
        let sockets = workers.map(\.socketPath)
        let body = Self.body(product)
        let params = TestClient.nginxParams(
            method: .post, target: "/orders",
            headers: [("Content-Type", "application/json"), ("Authorization", "Bearer \(token)")], bodyLength: body.count)
        let statuses = Self.race { index in
            let client = FastCGIWireClient(.unix(sockets[index % sockets.count]))
            return (try? client.send(params: params, stdinChunks: [body]))?.status ?? 0
        }
        try Self.check(statuses, app, product: product)
    }
}
