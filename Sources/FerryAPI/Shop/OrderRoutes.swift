import Database
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import HTTP

/// Every `/orders` route of API.md.
enum OrderRoutes {
    static func register(on router: inout Router<AppContext>) {
        let id = RouteParameter.path("id", .integer(minimum: 1), "The order's id")
        let tags = ["orders"]
        let notFound = ResponseSpec(404, "No such order", .ref(HTTPErrorBody.self))

        router.on(.post, "/orders", RouteSpec(
            summary: "Order products: stock is checked, reserved and priced in one transaction", tags: tags,
            body: .json(OrderCreate.self),
            responses: [.created(Order.self),
                        ResponseSpec(400, "A product is missing, inactive or short of stock (named in the message)", .ref(HTTPErrorBody.self)),
                        ResponseSpec(403, "user_id names someone else and the caller is not a superuser", .ref(HTTPErrorBody.self))],
            requiresAuth: true
        )) { request, context in
            let caller = try context.requireUser()
            let input = try request.decode(OrderCreate.self)
            let ownerID = input.userId ?? caller.id
            if ownerID != caller.id {
                guard caller.isSuperuser else { throw HTTPError.forbidden("Only a superuser can order for another user") }
                guard try UserRepository(session: context.session).find(id: ownerID) != nil else {
                    throw HTTPError.notFound("User with id \(ownerID) not found")
                }
            }
            let order = try Retrying.transaction(context.session) {
                try context.session.beginWriting()
                return try OrderRepository(session: context.session).create(
                    userID: ownerID, lines: input.items, shippingAddress: input.shippingAddress, now: Date())
            }
            return try .json(order, status: .created)
        }

        router.on(.get, "/orders/stats/summary", RouteSpec(
            summary: "Orders per status and revenue (orders not cancelled)", tags: tags,
            responses: [.ok(OrderStatistics.self)], requiresAuth: true
        )) { _, context in
            _ = try context.requireSuperuser()
            let (counts, totals) = try OrderRepository(session: context.session).statistics()
            let revenue = totals.filter { $0.key != .cancelled }.values.reduce(Money.zero, +)
            return try .json(OrderStatistics(
                totalOrders: counts.values.reduce(0, +), totalRevenue: revenue,
                ordersByStatus: Dictionary(uniqueKeysWithValues: counts.map { ($0.key.rawValue, $0.value) })))
        }

        router.on(.get, "/orders/user/{user_id}", RouteSpec(
            summary: "A user's orders, newest first, without items", tags: tags,
            parameters: [.path("user_id", .integer(minimum: 1))] + Pagination.parameters,
            responses: [.ok(Page<OrderSummary>.self)], requiresAuth: true
        )) { request, context in
            let userID = try request.parameters.requiredInt("user_id")
            _ = try context.requireSelfOrSuperuser(userID)
            return try .json(OrderRepository(session: context.session).page(userID: userID, pagination: Pagination(request.parameters)))
        }

        router.on(.get, "/orders/{id}", RouteSpec(
            summary: "An order with its items", tags: tags, parameters: [id], responses: [.ok(Order.self), notFound], requiresAuth: true
        )) { request, context in
            let order = try existing(try request.parameters.requiredInt("id"), context)
            _ = try context.requireSelfOrSuperuser(order.userId)
            return try .json(order)
        }

        router.on(.patch, "/orders/{id}/status", RouteSpec(
            summary: "Move an order along pending -> confirmed -> shipped -> delivered, or cancel it (restoring stock)",
            tags: tags,
            parameters: [id, .query("new_status", .string(enum: OrderStatus.allCases.map(\.rawValue)), required: true)],
            responses: [.ok(StatusChange.self), notFound,
                        ResponseSpec(400, "Cannot transition from X to Y", .ref(HTTPErrorBody.self)),
                        ResponseSpec(403, "Not a superuser, and not the owner cancelling", .ref(HTTPErrorBody.self))],
            requiresAuth: true
        )) { request, context in
            let caller = try context.requireUser()
            let status = OrderStatus(rawValue: request.parameters.string("new_status") ?? "")!
            return try Retrying.transaction(context.session) {
                try context.session.beginWriting()
                let order = try existing(try request.parameters.requiredInt("id"), context, lock: true)
                let allowed = caller.isSuperuser || (order.userId == caller.id && status == .cancelled)
                guard allowed else {
                    throw HTTPError.forbidden(order.userId == caller.id ? "The owner may only cancel an order" : "Not enough permissions")
                }
                try OrderRepository(session: context.session).transition(order, to: status, now: Date())
                return try .json(StatusChange(orderId: order.id, newStatus: status))
            }
        }
    }

    static func existing(_ id: Int, _ context: AppContext, lock: Bool = false) throws -> Order {
        guard let order = try OrderRepository(session: context.session).find(id: id, lock: lock) else {
            throw HTTPError.notFound("Order with id \(id) not found")
        }
        return order
    }
}
