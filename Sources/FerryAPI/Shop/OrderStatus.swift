import Database

/// An order's life: pending -> confirmed | cancelled, confirmed -> shipped | cancelled,
/// shipped -> delivered. Nothing else.
enum OrderStatus: String, Codable, CaseIterable, Sendable {
    case pending, confirmed, shipped, delivered, cancelled

    func canBecome(_ next: OrderStatus) -> Bool {
        switch (self, next) {
        case (.pending, .confirmed), (.pending, .cancelled), (.confirmed, .shipped), (.confirmed, .cancelled), (.shipped, .delivered):
            true
        default:
            false
        }
    }
}

/// Stored as its raw value in `orders.status`.
extension OrderStatus: DatabaseStringEnum {}
