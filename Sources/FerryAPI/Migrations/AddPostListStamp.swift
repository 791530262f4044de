import Database

extension AppMigrations {
    /// `post_totals.list_stamp`: a value the database changes whenever a write may change
    /// which posts a list of posts holds or their order: a post inserted or deleted, a status
    /// crossing `published`, a new `created_at` or author. So a worker may keep the ids of a
    /// page it has read (`PostPageIDCache`) and reuse them while the stamp is unchanged,
    /// skipping the `OFFSET` walk; writes that only change what a post shows (a view, an edit
    /// of its text or tags) leave it alone.
    ///
    /// The stamp is random rather than counted, so a value is never seen twice for two
    /// states: not after a rollback, nor after a restore or a migration down and up.
    ///
    /// On PostgreSQL its triggers are deferred to commit, like the totals of the same row
    /// (`AddPostTotals`): the row stays the last lock a writer takes.
    static let addPostListStamp = Migration(
        version: 7, name: "add_post_list_stamp",
        up: .dialect(
            sqlite: """
                ALTER TABLE post_totals ADD COLUMN list_stamp INTEGER NOT NULL DEFAULT 0;
                UPDATE post_totals SET list_stamp = random();
                CREATE TRIGGER post_list_stamp_after_insert AFTER INSERT ON posts BEGIN
                    UPDATE post_totals SET list_stamp = random();
                END;
                CREATE TRIGGER post_list_stamp_after_delete AFTER DELETE ON posts BEGIN
                    UPDATE post_totals SET list_stamp = random();
                END;
                CREATE TRIGGER post_list_stamp_after_update AFTER UPDATE OF id, status, created_at, author_id ON posts
                WHEN \(sql: listChange) BEGIN
                    UPDATE post_totals SET list_stamp = random();
                END
                """,
            postgresql: """
                ALTER TABLE post_totals ADD COLUMN list_stamp BIGINT NOT NULL DEFAULT 0;
                CREATE FUNCTION posts_new_list_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE post_totals SET list_stamp = floor(random() * 9e18)::bigint;
                    RETURN NULL;
                END
                $$;
                UPDATE post_totals SET list_stamp = floor(random() * 9e18)::bigint;
                CREATE CONSTRAINT TRIGGER post_list_stamp_insert_delete AFTER INSERT OR DELETE ON posts
                    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION posts_new_list_stamp();
                CREATE CONSTRAINT TRIGGER post_list_stamp_update AFTER UPDATE OF id, status, created_at, author_id ON posts
                    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
                    WHEN \(sql: listChange) EXECUTE FUNCTION posts_new_list_stamp();
                """),
        down: .dialect(
            sqlite: """
                DROP TRIGGER post_list_stamp_after_update;
                DROP TRIGGER post_list_stamp_after_delete;
                DROP TRIGGER post_list_stamp_after_insert;
                ALTER TABLE post_totals DROP COLUMN list_stamp
                """,
            postgresql: """
                DROP TRIGGER post_list_stamp_update ON posts;
                DROP TRIGGER post_list_stamp_insert_delete ON posts;
                DROP FUNCTION posts_new_list_stamp();
                ALTER TABLE post_totals DROP COLUMN list_stamp
                """))

    /// An update that may move a post within a list or in or out of one. A change between two
    /// unpublished statuses moves nothing: whoever sees one sees the other (`PostVisibility`).
    private static let listChange: SQL = """
        (old.id <> new.id OR (old.status = 'published') <> (new.status = 'published')
            OR old.created_at <> new.created_at OR old.author_id <> new.author_id)
        """
}
