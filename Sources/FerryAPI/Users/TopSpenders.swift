import Database

/// `GET /users/top-spenders`: money spent on orders not cancelled, biggest first.
enum TopSpenders {
    static func list(limit: Int, session: Session) throws -> [TopSpender] {
        try session.fetchAll("""
            SELECT u.username, u.email, COUNT(o.id) AS order_count, SUM(o.total_cents) AS total_spent
            FROM users u JOIN orders o ON o.user_id = u.id
            WHERE o.status <> \("cancelled")
            GROUP BY u.id, u.username, u.email
            ORDER BY SUM(o.total_cents) DESC, u.id
            LIMIT \(limit)
            """, as: TopSpender.self)
    }
}
