import Database

extension AppMigrations {
    /// Counters on `tags` so a tag's `post_count` is read, not counted, on every request:
    /// `published_post_count` (its published posts, what anonymous callers see) and
    /// `all_post_count` (its posts of any status, what a superuser sees). A user's count is
    /// the published one plus their own unpublished posts carrying the tag, counted live from
    /// the new `posts (author_id, status)` index (`TagPostCount`).
    ///
    /// The database keeps the counters, whoever writes:
    /// - a link inserted or deleted (`post_tags`) moves its tag's counters by its post's
    ///   status; a link changed by UPDATE moves both tags';
    /// - a post whose status crosses `published` moves the published counter of its tags;
    /// - a post about to be deleted, also by `ON DELETE CASCADE` from its user, first deletes
    ///   its links itself (BEFORE DELETE), so the link trigger still finds the post and its
    ///   status: by the time the foreign key's own cascade reaches `post_tags` the post is gone,
    ///   and nothing would tell whether it was published;
    /// - a tag deleted takes its links by cascade; their trigger updates no row (the tag is gone).
    ///
    /// On PostgreSQL a counter update locks the tag's row until commit, so writers of posts
    /// sharing a tag queue there. The triggers that touch several tags lock them in id order
    /// first, as the application does before writing links or deleting users
    /// (`TagCounterLocks`), so two writers never end up waiting for each other.
    ///
    /// The triggers are created before the backfill: their locks on `posts` and `post_tags`
    /// hold off writers until commit, so no write slips between the recount and the triggers.
    static let addTagPostCounts = Migration(
        version: 4, name: "add_tag_post_counts",
        up: .dialect(
            sqlite: """
                ALTER TABLE tags ADD COLUMN published_post_count INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE tags ADD COLUMN all_post_count INTEGER NOT NULL DEFAULT 0;
                CREATE INDEX posts_author_status_idx ON posts (author_id, status);
                CREATE TRIGGER post_tags_counts_after_insert AFTER INSERT ON post_tags BEGIN
                    UPDATE tags SET all_post_count = all_post_count + 1,
                        published_post_count = published_post_count
                            + (SELECT COUNT(*) FROM posts WHERE id = new.post_id AND status = 'published')
                    WHERE id = new.tag_id;
                END;
                CREATE TRIGGER post_tags_counts_after_delete AFTER DELETE ON post_tags BEGIN
                    UPDATE tags SET all_post_count = all_post_count - 1,
                        published_post_count = published_post_count
                            - (SELECT COUNT(*) FROM posts WHERE id = old.post_id AND status = 'published')
                    WHERE id = old.tag_id;
                END;
                CREATE TRIGGER post_tags_counts_after_update AFTER UPDATE OF post_id, tag_id ON post_tags BEGIN
                    UPDATE tags SET all_post_count = all_post_count - 1,
                        published_post_count = published_post_count
                            - (SELECT COUNT(*) FROM posts WHERE id = old.post_id AND status = 'published')
                    WHERE id = old.tag_id;
                    UPDATE tags SET all_post_count = all_post_count + 1,
                        published_post_count = published_post_count
                            + (SELECT COUNT(*) FROM posts WHERE id = new.post_id AND status = 'published')
                    WHERE id = new.tag_id;
                END;
                CREATE TRIGGER posts_counts_after_status_update AFTER UPDATE OF status ON posts
                WHEN (old.status = 'published') <> (new.status = 'published') BEGIN
                    UPDATE tags SET published_post_count = published_post_count + (CASE WHEN new.status = 'published' THEN 1 ELSE -1 END)
                    WHERE id IN (SELECT tag_id FROM post_tags WHERE post_id = new.id);
                END;
                CREATE TRIGGER posts_unlink_tags_before_delete BEFORE DELETE ON posts BEGIN
                    DELETE FROM post_tags WHERE post_id = old.id;
                END;
                \(sql: tagPostCountsRecount)
                """,
            postgresql: """
                ALTER TABLE tags
                    ADD COLUMN published_post_count INTEGER NOT NULL DEFAULT 0,
                    ADD COLUMN all_post_count INTEGER NOT NULL DEFAULT 0;
                CREATE INDEX posts_author_status_idx ON posts (author_id, status);
                CREATE FUNCTION post_tags_count_link() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP IN ('DELETE', 'UPDATE') THEN
                        UPDATE tags SET all_post_count = all_post_count - 1,
                            published_post_count = published_post_count
                                - (SELECT COUNT(*) FROM posts WHERE id = OLD.post_id AND status = 'published')
                        WHERE id = OLD.tag_id;
                    END IF;
                    IF TG_OP IN ('INSERT', 'UPDATE') THEN
                        UPDATE tags SET all_post_count = all_post_count + 1,
                            published_post_count = published_post_count
                                + (SELECT COUNT(*) FROM posts WHERE id = NEW.post_id AND status = 'published')
                        WHERE id = NEW.tag_id;
                    END IF;
                    RETURN NULL;
                END
                $$;
                CREATE TRIGGER post_tags_counts AFTER INSERT OR DELETE OR UPDATE OF post_id, tag_id ON post_tags
                    FOR EACH ROW EXECUTE FUNCTION post_tags_count_link();
                CREATE FUNCTION posts_count_status() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF (OLD.status = 'published') <> (NEW.status = 'published') THEN
                        -- In id order, like every other writer of several tags: no deadlock.
                        PERFORM 1 FROM tags WHERE id IN (SELECT tag_id FROM post_tags WHERE post_id = NEW.id) ORDER BY id FOR UPDATE;
                        UPDATE tags SET published_post_count = published_post_count + (CASE WHEN NEW.status = 'published' THEN 1 ELSE -1 END)
                        WHERE id IN (SELECT tag_id FROM post_tags WHERE post_id = NEW.id);
                    END IF;
                    RETURN NULL;
                END
                $$;
                CREATE TRIGGER posts_counts_status AFTER UPDATE OF status ON posts
                    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION posts_count_status();
                CREATE FUNCTION posts_unlink_tags() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM 1 FROM tags WHERE id IN (SELECT tag_id FROM post_tags WHERE post_id = OLD.id) ORDER BY id FOR UPDATE;
                    DELETE FROM post_tags WHERE post_id = OLD.id;
                    RETURN OLD;
                END
                $$;
                CREATE TRIGGER posts_unlink_tags_before_delete BEFORE DELETE ON posts
                    FOR EACH ROW EXECUTE FUNCTION posts_unlink_tags();
                \(sql: tagPostCountsRecount)
                """),
        down: .dialect(
            sqlite: """
                DROP TRIGGER posts_unlink_tags_before_delete;
                DROP TRIGGER posts_counts_after_status_update;
                DROP TRIGGER post_tags_counts_after_update;
                DROP TRIGGER post_tags_counts_after_delete;
                DROP TRIGGER post_tags_counts_after_insert;
                DROP INDEX posts_author_status_idx;
                ALTER TABLE tags DROP COLUMN all_post_count;
                ALTER TABLE tags DROP COLUMN published_post_count
                """,
            postgresql: """
                DROP TRIGGER posts_unlink_tags_before_delete ON posts;
                DROP FUNCTION posts_unlink_tags();
                DROP TRIGGER posts_counts_status ON posts;
                DROP FUNCTION posts_count_status();
                DROP TRIGGER post_tags_counts ON post_tags;
                DROP FUNCTION post_tags_count_link();
                DROP INDEX posts_author_status_idx;
                ALTER TABLE tags DROP COLUMN all_post_count, DROP COLUMN published_post_count
                """))

    /// Sets every tag's counters from the links and posts as they are (the migration's backfill).
    static let tagPostCountsRecount: SQL = """
        UPDATE tags SET
            all_post_count = (SELECT COUNT(*) FROM post_tags pt WHERE pt.tag_id = tags.id),
            published_post_count = (
                SELECT COUNT(*) FROM post_tags pt JOIN posts p ON p.id = pt.post_id
                WHERE pt.tag_id = tags.id AND p.status = 'published'
            )
        """
}
