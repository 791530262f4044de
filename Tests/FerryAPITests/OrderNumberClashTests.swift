import Database
@testable import FerryAPI
import FerryTesting
import Foundation
import HTTP
import Testing

/// A new order whose random number is already taken draws another one inside the same
/// transaction (ON CONFLICT DO NOTHING: no error, so PostgreSQL does not abort the
/// transaction and no savepoint is needed); five clashes in a row are a 503 that changes nothing.
@Suite struct OrderNumberClashTests {
    @Test(arguments: DatabaseBackend.allCases)
    func aTakenNumberIsDrawnAgainInTheSameTransaction(_ backend: DatabaseBackend) throws {
        let shop = try ShopFixture(backend)
        shop.product("Dime", price: "0.10", stock: 5)
        let taken = try #require(shop.order([("Dime", 1)]).json["order_number"]?.stringValue)
        let line = OrderCreate.Line(productId: shop.products["Dime"]!, quantity: 1)
        let session = shop.app.pool.makeSession()
        defer { session.close() }

        var numbers = [taken, taken, "ORD-20260101000000-FRESH1"].makeIterator()
        let drawing = OrderRepository(session: session, makeOrderNumber: { _ in numbers.next()! })
        let order = try drawing.create(userID: shop.buyer.id, lines: [line], shippingAddress: nil, now: Date())
        #expect(order.orderNumber == "ORD-20260101000000-FRESH1")
        #expect(order.items?.map(\.productId) == [line.productId] && order.items?.first?.id ?? 0 > 0)
        #expect(session.isInTransaction, "the clashes left the transaction usable")
        try session.commit()
        #expect(shop.stock("Dime") == 3)
        let stored = shop.app.client.get("/orders/\(order.id)", headers: shop.buyer.auth).json
        #expect(stored["order_number"] == "ORD-20260101000000-FRESH1" && stored["items"]?[0]?["id"]?.intValue == order.items?.first?.id)

        let alwaysTaken = OrderRepository(session: session, makeOrderNumber: { _ in taken })
        #expect { try alwaysTaken.create(userID: shop.buyer.id, lines: [line], shippingAddress: nil, now: Date()) } throws: {
            ($0 as? HTTPError)?.status == .serviceUnavailable
        }
        try session.rollback()
        #expect(shop.stock("Dime") == 3, "the refused order took no stock")
        #expect(shop.app.client.get("/orders/user/\(shop.buyer.id)", headers: shop.buyer.auth).json["total"] == 2)
    }
}
