import Database

/// Ferry's schema, one numbered migration per change, oldest first. An applied
/// migration is never edited (its checksum is recorded): change the schema with a new one.
public enum AppMigrations {
    public static let all: [Migration] = [
        createUsers, createContent, createShop, addTagPostCounts, addPostTotals, addPostVisibilityIndex, addPostPageStamp,
    ]

    public static func makeMigrator() -> Migrator {
        // The list is declared in code; an invalid one is a bug caught by the tests.
        try! Migrator(all)
    }
}
