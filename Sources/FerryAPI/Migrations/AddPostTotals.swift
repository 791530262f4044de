import Database

extension AppMigrations {
    /// A one-row table, `post_totals`, so the total of an unfiltered `GET /posts` is read, not
    /// counted, on every request: `published_count` (what anonymous callers see) and `all_count`
    /// (what a superuser sees). A user's total is the published one plus their own unpublished
    /// posts, counted live from the `posts (author_id, status)` index (`PostTotal`).
    ///
    /// The database keeps the counters, whoever writes: a post inserted or deleted (also by
    /// `ON DELETE CASCADE` from its user) moves both by its status; a post whose status crosses
    /// `published` moves the published one.
    ///
    /// On PostgreSQL the single row is locked by every writer of posts until commit. So its
    /// triggers are deferred constraint triggers: they run at commit, after every other lock
    /// of the transaction (the tags of `TagCounterLocks` and the tag counter triggers) is
    /// taken, and the row is the last lock a writer takes and held only while it commits. A
    /// writer holding it waits for nothing else: no deadlock with the tags, whatever order
    /// they were locked in. The price: within a writing transaction the row shows the totals
    /// as of its start (no request reads a total after writing posts).
    ///
    /// The triggers are created before the backfill: their locks on `posts` hold off writers
    /// until commit, so no write slips between the recount and the triggers.
    static let addPostTotals = Migration(
        version: 5, name: "add_post_totals",
        up: .dialect(
            sqlite: """
                CREATE TABLE post_totals (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    published_count INTEGER NOT NULL DEFAULT 0,
                    all_count INTEGER NOT NULL DEFAULT 0
                );
                INSERT INTO post_totals (id) VALUES (1);
                CREATE TRIGGER post_totals_after_insert AFTER INSERT ON posts BEGIN
                    UPDATE post_totals SET all_count = all_count + 1,
                        published_count = published_count + (CASE WHEN new.status = 'published' THEN 1 ELSE 0 END);
                END;
                CREATE TRIGGER post_totals_after_delete AFTER DELETE ON posts BEGIN
                    UPDATE post_totals SET all_count = all_count - 1,
                        published_count = published_count - (CASE WHEN old.status = 'published' THEN 1 ELSE 0 END);
                END;
                CREATE TRIGGER post_totals_after_status_update AFTER UPDATE OF status ON posts
                WHEN (old.status = 'published') <> (new.status = 'published') BEGIN
                    UPDATE post_totals SET published_count = published_count + (CASE WHEN new.status = 'published' THEN 1 ELSE -1 END);
                END;
                \(sql: postTotalsRecount)
                """,
            postgresql: """
                CREATE TABLE post_totals (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    published_count INTEGER NOT NULL DEFAULT 0,
                    all_count INTEGER NOT NULL DEFAULT 0
                );
                INSERT INTO post_totals (id) VALUES (1);
                CREATE FUNCTION posts_count_totals() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    -- OLD and NEW are the row as the event saw it, even when it runs at commit.
                    IF TG_OP = 'INSERT' THEN
                        UPDATE post_totals SET all_count = all_count + 1,
                            published_count = published_count + (CASE WHEN NEW.status = 'published' THEN 1 ELSE 0 END);
                    ELSIF TG_OP = 'DELETE' THEN
                        UPDATE post_totals SET all_count = all_count - 1,
                            published_count = published_count - (CASE WHEN OLD.status = 'published' THEN 1 ELSE 0 END);
                    ELSE
                        UPDATE post_totals SET published_count = published_count + (CASE WHEN NEW.status = 'published' THEN 1 ELSE -1 END);
                    END IF;
                    RETURN NULL;
                END
                $$;
                -- Deferred to commit: the hot row is the last lock a writer takes (see above).
                CREATE CONSTRAINT TRIGGER post_totals_insert_delete AFTER INSERT OR DELETE ON posts
                    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION posts_count_totals();
                CREATE CONSTRAINT TRIGGER post_totals_status AFTER UPDATE OF status ON posts
                    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
                    WHEN ((OLD.status = 'published') <> (NEW.status = 'published')) EXECUTE FUNCTION posts_count_totals();
                \(sql: postTotalsRecount)
                """),
        down: .dialect(
            sqlite: """
                DROP TRIGGER post_totals_after_status_update;
                DROP TRIGGER post_totals_after_delete;
                DROP TRIGGER post_totals_after_insert;
                DROP TABLE post_totals
                """,
            postgresql: """
                DROP TRIGGER post_totals_status ON posts;
                DROP TRIGGER post_totals_insert_delete ON posts;
                DROP FUNCTION posts_count_totals();
                DROP TABLE post_totals
                """))

    /// Sets the totals from the posts as they are (the migration's backfill).
    static let postTotalsRecount: SQL = """
        UPDATE post_totals SET
            published_count = (SELECT COUNT(*) FROM posts WHERE status = 'published'),
            all_count = (SELECT COUNT(*) FROM posts)
        """
}
