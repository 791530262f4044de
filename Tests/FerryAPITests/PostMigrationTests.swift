import Database
import FerryAPI
import FerryTesting
import Testing

/// The content migration (version 2) goes up, down and up again on both databases.
@Suite struct PostMigrationTests {
    @Test(arguments: DatabaseBackend.allCases)
    func createContentRevertsCleanly(_ backend: DatabaseBackend) throws {
        try withDatabase(backend) { database in
            let pool = database.makePool()
            let migrator = AppMigrations.makeMigrator()
            try pool.withConnection { connection in
                _ = try migrator.up(connection, to: 2)
                #expect(try migrator.currentVersion(connection) == 2)
                let reverted = try migrator.down(connection, to: 1)
                #expect(reverted.map(\.name) == ["create_content"])
                let tables: SQL = .dialect(
                    sqlite: "SELECT COUNT(*) FROM sqlite_master WHERE name IN ('posts', 'posts_fts', 'tags', 'post_tags', 'comments', 'posts_fts_after_insert')",
                    postgresql: "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name IN ('posts', 'tags', 'post_tags', 'comments')")
                #expect(try connection.query(tables).first?.decode(Int.self, at: 0) == 0)
                #expect(try migrator.up(connection, to: 2).map(\.name) == ["create_content"])
            }
        }
    }
}
