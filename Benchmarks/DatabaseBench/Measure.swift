/// Runs `body` for `iterations` after a tenth as many warm-up calls; answers per second.
func measure(iterations: Int, _ body: (Int) throws -> Void) rethrows -> Double {
    for index in 0..<max(1, iterations / 10) { try body(index) }
    let start = ContinuousClock.now
    for index in 0..<iterations { try body(index) }
    let elapsed = ContinuousClock.now - start
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    return Double(iterations) / seconds
}

/// One line of the printed table: each Session figure beside the direct C figure it compares with.
struct BenchmarkRow {
    let database: String
    let statement: String
    let directInTransaction: Double
    let sessionInTransaction: Double
    let directAutocommit: Double
    let sessionPerStatement: Double

    static let header = """
        | database | statement | C direct, in a transaction | Session, in a transaction | ratio | C direct, autocommit | Session per statement (checkout, BEGIN, stmt, COMMIT) | ratio |
        |---|---|---|---|---|---|---|---|
        """

    var line: String {
        "| \(database) | \(statement) | \(Int(directInTransaction)) | \(Int(sessionInTransaction)) | \(format(sessionInTransaction / directInTransaction)) "
            + "| \(Int(directAutocommit)) | \(Int(sessionPerStatement)) | \(format(sessionPerStatement / directAutocommit)) |"
    }

    private func format(_ ratio: Double) -> String {
        let hundredths = Int((ratio * 100).rounded())
        return "\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)"
    }
}
