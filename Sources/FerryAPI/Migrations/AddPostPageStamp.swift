import Database

extension AppMigrations {
    /// `post_totals.page_stamp`: a value the database replaces whenever a write changes
    /// anything a page of posts shows but view counts: which posts a list holds and in what
    /// order, a post's fields, its author's username, its tags and their counts. So a worker
    /// may keep the pages it has built (`PostPageCache`) and serve them again while the stamp
    /// is unchanged, reading only the view counts; any write, from any worker or host or by
    /// hand, makes the next read build the page anew.
    ///
    /// The stamp is random rather than counted, so a value is never seen twice for two
    /// states: not after a rollback, nor after a restore or a migration down and up.
    ///
    /// On PostgreSQL its triggers are deferred to commit, like the totals of the same row
    /// (`AddPostTotals`): the row stays the last lock a writer takes, now also for edits of a
    /// post's text, of tags and of usernames; it is renewed once per transaction.
    static let addPostPageStamp = Migration(
        version: 7, name: "add_post_page_stamp",
        up: .dialect(
            sqlite: """
                ALTER TABLE post_totals ADD COLUMN page_stamp INTEGER NOT NULL DEFAULT 0;
                UPDATE post_totals SET page_stamp = random();
                \(sql: SQL.joined(sqliteTriggers.map { trigger in """
                    CREATE TRIGGER post_page_stamp_\(sql: trigger.name) \(sql: trigger.event) BEGIN
                        UPDATE post_totals SET page_stamp = random();
                    END
                    """ }, separator: ";\n"))
                """,
            postgresql: """
                ALTER TABLE post_totals ADD COLUMN page_stamp BIGINT NOT NULL DEFAULT 0;
                CREATE FUNCTION posts_new_page_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    -- Once per transaction: the stamp only has to differ from every earlier one.
                    IF current_setting('ferry.page_stamp_renewed', true) IS DISTINCT FROM 'yes' THEN
                        UPDATE post_totals SET page_stamp = floor(random() * 9e18)::bigint;
                        PERFORM set_config('ferry.page_stamp_renewed', 'yes', true);
                    END IF;
                    RETURN NULL;
                END
                $$;
                UPDATE post_totals SET page_stamp = floor(random() * 9e18)::bigint;
                CREATE CONSTRAINT TRIGGER post_page_stamp_posts AFTER INSERT OR DELETE OR UPDATE OF \(sql: shownPostColumns) ON posts
                    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION posts_new_page_stamp();
                CREATE CONSTRAINT TRIGGER post_page_stamp_links AFTER INSERT OR DELETE OR UPDATE ON post_tags
                    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION posts_new_page_stamp();
                CREATE CONSTRAINT TRIGGER post_page_stamp_tags AFTER DELETE OR UPDATE ON tags
                    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION posts_new_page_stamp();
                CREATE CONSTRAINT TRIGGER post_page_stamp_users AFTER UPDATE OF username ON users
                    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (old.username <> new.username)
                    EXECUTE FUNCTION posts_new_page_stamp();
                """),
        down: .dialect(
            sqlite: """
                \(sql: SQL.joined(sqliteTriggers.reversed().map { "DROP TRIGGER post_page_stamp_\(sql: $0.name)" }, separator: ";\n"));
                ALTER TABLE post_totals DROP COLUMN page_stamp
                """,
            postgresql: """
                DROP TRIGGER post_page_stamp_users ON users;
                DROP TRIGGER post_page_stamp_tags ON tags;
                DROP TRIGGER post_page_stamp_links ON post_tags;
                DROP TRIGGER post_page_stamp_posts ON posts;
                DROP FUNCTION posts_new_page_stamp();
                ALTER TABLE post_totals DROP COLUMN page_stamp
                """))

    /// SQLite's triggers, one per event (its triggers run at once, so no guard is needed).
    private static let sqliteTriggers: [(name: SQL, event: SQL)] = [
        ("posts_insert", "AFTER INSERT ON posts"),
        ("posts_delete", "AFTER DELETE ON posts"),
        ("posts_update", "AFTER UPDATE OF \(sql: shownPostColumns) ON posts"),
        ("links_insert", "AFTER INSERT ON post_tags"),
        ("links_delete", "AFTER DELETE ON post_tags"),
        ("links_update", "AFTER UPDATE ON post_tags"),
        ("tags_update", "AFTER UPDATE ON tags"),
        ("tags_delete", "AFTER DELETE ON tags"),
        ("users_update", "AFTER UPDATE OF username ON users WHEN old.username <> new.username"),
    ]

    /// Every column of `posts` a page shows, but `view_count`: a view changes no stamp.
    private static let shownPostColumns: SQL =
        "id, title, slug, content, status, author_id, published_at, created_at, updated_at"
}
