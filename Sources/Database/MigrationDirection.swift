public enum MigrationDirection: String, Sendable, Hashable, CaseIterable {
    case up
    case down
}
