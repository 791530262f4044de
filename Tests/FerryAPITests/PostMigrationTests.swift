import Database
import FerryAPI
import FerryTesting
import Foundation
import Testing

/// The content migration (version 2), the tag counters (version 4), the post totals
/// (version 5), the posts' visibility index (version 6) and the page stamp (version 7) go up,
/// down and up again on both databases.
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

    /// Version 4 fills the new counters from the posts already there, goes down without a
    /// trace, and fills them again from writes made meanwhile, which no trigger counted.
    @Test(arguments: DatabaseBackend.allCases)
    func tagPostCountsBackfillRevertAndReapply(_ backend: DatabaseBackend) throws {
        try withDatabase(backend) { database in
            let pool = database.makePool()
            let migrator = AppMigrations.makeMigrator()
            let check = TagCounterCheck(pool: pool)
            func counters() throws -> [String: [Int]] {
                try pool.withConnection { connection in
                    Dictionary(uniqueKeysWithValues: try connection.query("SELECT name, published_post_count, all_post_count FROM tags").map {
                        (try $0.decode(String.self, at: 0), [try $0.decode(Int.self, at: 1), try $0.decode(Int.self, at: 2)])
                    })
                }
            }
            func leftovers(_ connection: any Connection) throws -> Int {
                let probe: SQL = .dialect(
                    sqlite: """
                        SELECT (SELECT COUNT(*) FROM pragma_table_info('tags') WHERE name LIKE '%post_count')
                            + (SELECT COUNT(*) FROM sqlite_master WHERE name = 'posts_author_status_idx'
                                OR (type = 'trigger' AND name NOT LIKE 'posts_fts_%'))
                        """,
                    postgresql: """
                        SELECT (SELECT COUNT(*) FROM information_schema.columns
                                WHERE table_schema = current_schema() AND table_name = 'tags' AND column_name LIKE '%post_count')
                            + (SELECT COUNT(*) FROM pg_trigger WHERE NOT tgisinternal)
                            + (SELECT COUNT(*) FROM pg_proc WHERE proname IN ('post_tags_count_link', 'posts_count_status', 'posts_unlink_tags'))
                            + (SELECT COUNT(*) FROM pg_class WHERE relname = 'posts_author_status_idx')
                        """)
                return try connection.query(probe).first?.decode(Int.self, at: 0) ?? -1
            }
            var ids: [String: Int] = [:]
            try pool.withConnection { connection in
                _ = try migrator.up(connection, to: 3)
                func insert(_ key: String, _ sql: SQL) throws {
                    ids[key] = try connection.query(sql).first?.decode(Int.self, at: 0)
                }
                let now = Date()
                for name in ["ada", "bob"] {
                    try insert(name, """
                        INSERT INTO users (username, email, hashed_password, created_at, updated_at)
                        VALUES (\(name), \(name + "@example.com"), 'x', \(now), \(now)) RETURNING id
                        """)
                }
                for name in ["red", "green", "blue"] {
                    try insert(name, "INSERT INTO tags (name, name_key, slug) VALUES (\(name), \(name), \(name)) RETURNING id")
                }
                let posts: [(String, String, String, [String])] = [
                    ("p1", "ada", "published", ["red", "green"]), ("p2", "ada", "draft", ["red"]),
                    ("p3", "bob", "published", ["red", "blue"]), ("p4", "bob", "archived", ["green", "blue"]),
                ]
                for (key, author, status, tags) in posts {
                    try insert(key, """
                        INSERT INTO posts (title, slug, content, status, author_id, created_at, updated_at)
                        VALUES (\(key), \(key), 'c', \(status), \(ids[author] ?? 0), \(now), \(now)) RETURNING id
                        """)
                    for tag in tags {
                        _ = try connection.execute("INSERT INTO post_tags (post_id, tag_id) VALUES (\(ids[key] ?? 0), \(ids[tag] ?? 0))")
                    }
                }
                #expect(try migrator.up(connection, to: 4).map(\.name) == ["add_tag_post_counts"])
            }
            #expect(try counters() == ["red": [2, 3], "green": [1, 2], "blue": [1, 2]])
            #expect(try check.drift() == [])

            try pool.withConnection { connection in
                #expect(try migrator.down(connection, steps: 1).map(\.name) == ["add_tag_post_counts"])
                #expect(try leftovers(connection) == 0)
                // Writes while the counters are gone: nothing counts them.
                _ = try connection.execute("DELETE FROM posts WHERE id = \(ids["p1"] ?? 0)")
                _ = try connection.execute("UPDATE posts SET status = 'published' WHERE id = \(ids["p4"] ?? 0)")
                _ = try connection.execute("INSERT INTO post_tags (post_id, tag_id) VALUES (\(ids["p2"] ?? 0), \(ids["blue"] ?? 0))")
                #expect(try migrator.up(connection, to: 4).map(\.name) == ["add_tag_post_counts"])
            }
            #expect(try counters() == ["red": [1, 2], "green": [1, 1], "blue": [2, 3]])
            #expect(try check.drift() == [])
        }
    }

    /// Version 5 fills the totals from the posts already there, goes down without a trace, and
    /// fills them again from writes made meanwhile, which no trigger counted.
    @Test(arguments: DatabaseBackend.allCases)
    func postTotalsBackfillRevertAndReapply(_ backend: DatabaseBackend) throws {
        try withDatabase(backend) { database in
            let pool = database.makePool()
            let migrator = AppMigrations.makeMigrator()
            let check = PostTotalCheck(pool: pool)
            func totals() throws -> [Int] {
                try pool.withConnection { connection in
                    let row = try connection.query("SELECT published_count, all_count FROM post_totals").first
                    return [try row?.decode(Int.self, at: 0) ?? -1, try row?.decode(Int.self, at: 1) ?? -1]
                }
            }
            func leftovers(_ connection: any Connection) throws -> Int {
                let probe: SQL = .dialect(
                    sqlite: "SELECT COUNT(*) FROM sqlite_master WHERE name = 'post_totals' OR name LIKE 'post_totals_%'",
                    postgresql: """
                        SELECT (SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'post_totals')
                            + (SELECT COUNT(*) FROM pg_trigger WHERE tgname LIKE 'post_totals_%')
                            + (SELECT COUNT(*) FROM pg_proc WHERE proname = 'posts_count_totals')
                        """)
                return try connection.query(probe).first?.decode(Int.self, at: 0) ?? -1
            }
            let now = Date()
            func insertPost(_ connection: any Connection, _ slug: String, _ status: String, author: Int) throws {
                _ = try connection.execute("""
                    INSERT INTO posts (title, slug, content, status, author_id, created_at, updated_at)
                    VALUES (\(slug), \(slug), 'c', \(status), \(author), \(now), \(now))
                    """)
            }
            try pool.withConnection { connection in
                _ = try migrator.up(connection, to: 4)
                let ada = try connection.query("""
                    INSERT INTO users (username, email, hashed_password, created_at, updated_at)
                    VALUES ('ada', 'ada@example.com', 'x', \(now), \(now)) RETURNING id
                    """).first?.decode(Int.self, at: 0) ?? 0
                for (slug, status) in [("p1", "published"), ("p2", "draft"), ("p3", "published"), ("p4", "archived"), ("p5", "published")] {
                    try insertPost(connection, slug, status, author: ada)
                }
                #expect(try migrator.up(connection, to: 5).map(\.name) == ["add_post_totals"])
            }
            #expect(try totals() == [3, 5])
            #expect(try check.drift() == [])

            try pool.withConnection { connection in
                #expect(try migrator.down(connection, steps: 1).map(\.name) == ["add_post_totals"])
                #expect(try leftovers(connection) == 0)
                // Writes while the totals are gone: nothing counts them.
                _ = try connection.execute("DELETE FROM posts WHERE slug = 'p1'")
                _ = try connection.execute("UPDATE posts SET status = 'published' WHERE slug = 'p4'")
                let ada = try connection.query("SELECT id FROM users").first?.decode(Int.self, at: 0) ?? 0
                try insertPost(connection, "p6", "draft", author: ada)
                #expect(try migrator.up(connection, to: 5).map(\.name) == ["add_post_totals"])
            }
            #expect(try totals() == [3, 5])
            #expect(try check.drift() == [])
            // And the triggers are back.
            try pool.withConnection { connection in
                _ = try connection.execute("UPDATE posts SET status = 'draft' WHERE slug IN ('p3', 'p4')")
                _ = try connection.execute("DELETE FROM posts WHERE slug = 'p6'")
            }
            #expect(try totals() == [1, 4])
            #expect(try check.drift() == [])
        }
    }

    /// Version 6 swaps `posts (created_at, id)` for the index that also carries status and
    /// author, and back, on a database with posts in it.
    @Test(arguments: DatabaseBackend.allCases)
    func postVisibilityIndexReplacesTheNewestFirstIndexAndBack(_ backend: DatabaseBackend) throws {
        try withDatabase(backend) { database in
            let pool = database.makePool()
            let migrator = AppMigrations.makeMigrator()
            func indexes(_ connection: any Connection) throws -> [String] {
                let names: SQL = .dialect(
                    sqlite: "SELECT name FROM sqlite_master WHERE type = 'index' AND name IN ('posts_created_at_idx', 'posts_newest_visibility_idx')",
                    postgresql: "SELECT relname FROM pg_class WHERE relkind = 'i' AND relname IN ('posts_created_at_idx', 'posts_newest_visibility_idx')")
                return try connection.query(names).map { try $0.decode(String.self, at: 0) }
            }
            try pool.withConnection { connection in
                _ = try migrator.up(connection, to: 5)
                let now = Date()
                let ada = try connection.query("""
                    INSERT INTO users (username, email, hashed_password, created_at, updated_at)
                    VALUES ('ada', 'ada@example.com', 'x', \(now), \(now)) RETURNING id
                    """).first?.decode(Int.self, at: 0) ?? 0
                _ = try connection.execute("""
                    INSERT INTO posts (title, slug, content, status, author_id, created_at, updated_at)
                    VALUES ('p', 'p', 'c', 'draft', \(ada), \(now), \(now))
                    """)
                #expect(try indexes(connection) == ["posts_created_at_idx"])
                #expect(try migrator.up(connection, to: 6).map(\.name) == ["add_post_visibility_index"])
                #expect(try indexes(connection) == ["posts_newest_visibility_idx"])
                #expect(try migrator.down(connection, steps: 1).map(\.name) == ["add_post_visibility_index"])
                #expect(try indexes(connection) == ["posts_created_at_idx"])
                #expect(try migrator.up(connection, to: 6).map(\.name) == ["add_post_visibility_index"])
                #expect(try indexes(connection) == ["posts_newest_visibility_idx"])
            }
        }
    }

    /// Version 7 adds the page stamp and its triggers and takes them away again: a write to
    /// anything a page of posts shows gives a new stamp, a view or a user's email does not, and
    /// going down leaves no column, trigger or function behind.
    @Test(arguments: DatabaseBackend.allCases)
    func postPageStampChangesWithPagesAndRevertsCleanly(_ backend: DatabaseBackend) throws {
        try withDatabase(backend) { database in
            let pool = database.makePool()
            let migrator = AppMigrations.makeMigrator()
            func stamp() throws -> Int64? {
                try pool.withConnection { try $0.query("SELECT page_stamp FROM post_totals").first?.decode(Int64.self, at: 0) }
            }
            func leftovers(_ connection: any Connection) throws -> Int {
                let probe: SQL = .dialect(
                    sqlite: """
                        SELECT (SELECT COUNT(*) FROM pragma_table_info('post_totals') WHERE name = 'page_stamp')
                            + (SELECT COUNT(*) FROM sqlite_master WHERE name LIKE 'post_page_stamp_%')
                        """,
                    postgresql: """
                        SELECT (SELECT COUNT(*) FROM information_schema.columns
                                WHERE table_schema = current_schema() AND table_name = 'post_totals' AND column_name = 'page_stamp')
                            + (SELECT COUNT(*) FROM pg_trigger WHERE tgname LIKE 'post_page_stamp_%')
                            + (SELECT COUNT(*) FROM pg_proc WHERE proname = 'posts_new_page_stamp')
                        """)
                return try connection.query(probe).first?.decode(Int.self, at: 0) ?? -1
            }
            let now = Date()
            var (ada, post, tag) = (0, 0, 0)
            try pool.withConnection { connection in
                _ = try migrator.up(connection, to: 6)
                ada = try connection.query("""
                    INSERT INTO users (username, email, hashed_password, created_at, updated_at)
                    VALUES ('ada', 'ada@example.com', 'x', \(now), \(now)) RETURNING id
                    """).first?.decode(Int.self, at: 0) ?? 0
                post = try connection.query("""
                    INSERT INTO posts (title, slug, content, status, author_id, created_at, updated_at)
                    VALUES ('p', 'p', 'c', 'draft', \(ada), \(now), \(now)) RETURNING id
                    """).first?.decode(Int.self, at: 0) ?? 0
                tag = try connection.query("INSERT INTO tags (name, name_key, slug) VALUES ('Sea', 'sea', 'sea') RETURNING id")
                    .first?.decode(Int.self, at: 0) ?? 0
                #expect(try migrator.up(connection).map(\.name) == ["add_post_page_stamp"])
            }
            func expectStamp(after write: SQL, changes: Bool, sourceLocation: SourceLocation = #_sourceLocation) throws {
                let before = try stamp()
                try pool.withConnection { _ = try $0.execute(write) }
                #expect((try stamp() != before) == changes, "\(write)", sourceLocation: sourceLocation)
            }
            #expect(try stamp() != 0)
            try expectStamp(after: "UPDATE posts SET view_count = view_count + 1 WHERE id = \(post)", changes: false)
            try expectStamp(after: "UPDATE users SET email = 'ada@example.org' WHERE id = \(ada)", changes: false)
            try expectStamp(after: "UPDATE users SET username = 'ada' WHERE id = \(ada)", changes: false)
            try expectStamp(after: "UPDATE posts SET title = 'q' WHERE id = \(post)", changes: true)
            try expectStamp(after: "UPDATE posts SET status = 'published' WHERE id = \(post)", changes: true)
            try expectStamp(after: "INSERT INTO post_tags (post_id, tag_id) VALUES (\(post), \(tag))", changes: true)
            try expectStamp(after: "UPDATE tags SET name = 'Seas' WHERE id = \(tag)", changes: true)
            try expectStamp(after: "UPDATE users SET username = 'lovelace' WHERE id = \(ada)", changes: true)
            try expectStamp(after: "DELETE FROM posts WHERE id = \(post)", changes: true)
            try pool.withConnection { connection throws in
                // The column and nine triggers (four and a function on PostgreSQL).
                #expect(try leftovers(connection) == (backend == .sqlite ? 10 : 6))
                #expect(try migrator.down(connection, steps: 1).map(\.name) == ["add_post_page_stamp"])
                #expect(try leftovers(connection) == 0)
                #expect(try migrator.up(connection).map(\.name) == ["add_post_page_stamp"])
                #expect(try leftovers(connection) == (backend == .sqlite ? 10 : 6))
            }
        }
    }
}
