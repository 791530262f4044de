import Database

extension AppMigrations {
    /// Posts, comments, tags and the posts' full-text index.
    ///
    /// Deleting a user deletes their posts and comments, deleting a post its comments and
    /// tag links, deleting a comment its replies, deleting a tag its links: all by foreign
    /// keys `ON DELETE CASCADE` (SQLite enforces them because every connection sets
    /// `PRAGMA foreign_keys = ON`). Slugs are unique by constraint, so concurrent creates
    /// are settled by the database and retried with the next suffix. Tag names are unique
    /// case-insensitively through `name_key`, the name lowercased by the application (so
    /// both databases fold case the same way, beyond ASCII too).
    ///
    /// Search: on SQLite an external-content FTS5 table kept in step by triggers (only a
    /// change of title or content touches it, not a view); on PostgreSQL a generated,
    /// weighted `tsvector` column with a GIN index.
    static let createContent = Migration(
        version: 2, name: "create_content",
        up: .dialect(
            sqlite: """
                CREATE TABLE posts (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    title TEXT NOT NULL,
                    slug TEXT NOT NULL CONSTRAINT posts_slug_key UNIQUE,
                    content TEXT NOT NULL,
                    status TEXT NOT NULL DEFAULT 'draft' CONSTRAINT posts_status_check CHECK (status IN ('draft', 'published', 'archived')),
                    view_count INTEGER NOT NULL DEFAULT 0,
                    author_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                    published_at TEXT,
                    created_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL
                );
                CREATE INDEX posts_created_at_idx ON posts (created_at, id);
                CREATE INDEX posts_status_idx ON posts (status, created_at, id);
                CREATE INDEX posts_author_idx ON posts (author_id, created_at, id);
                CREATE TABLE tags (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    name TEXT NOT NULL,
                    name_key TEXT NOT NULL CONSTRAINT tags_name_key UNIQUE,
                    slug TEXT NOT NULL CONSTRAINT tags_slug_key UNIQUE
                );
                CREATE TABLE post_tags (
                    post_id INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
                    tag_id INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
                    PRIMARY KEY (post_id, tag_id)
                );
                CREATE INDEX post_tags_tag_idx ON post_tags (tag_id, post_id);
                CREATE TABLE comments (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    post_id INTEGER NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
                    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                    parent_id INTEGER REFERENCES comments (id) ON DELETE CASCADE,
                    content TEXT NOT NULL,
                    created_at TEXT NOT NULL
                );
                CREATE INDEX comments_post_idx ON comments (post_id, created_at, id);
                CREATE INDEX comments_user_idx ON comments (user_id);
                CREATE INDEX comments_parent_idx ON comments (parent_id);
                CREATE VIRTUAL TABLE posts_fts USING fts5(
                    title, content, content = 'posts', content_rowid = 'id',
                    tokenize = 'porter unicode61 remove_diacritics 2'
                );
                CREATE TRIGGER posts_fts_after_insert AFTER INSERT ON posts BEGIN
                    INSERT INTO posts_fts (rowid, title, content) VALUES (new.id, new.title, new.content);
                END;
                CREATE TRIGGER posts_fts_after_delete AFTER DELETE ON posts BEGIN
                    INSERT INTO posts_fts (posts_fts, rowid, title, content) VALUES ('delete', old.id, old.title, old.content);
                END;
                CREATE TRIGGER posts_fts_after_update AFTER UPDATE OF title, content ON posts BEGIN
                    INSERT INTO posts_fts (posts_fts, rowid, title, content) VALUES ('delete', old.id, old.title, old.content);
                    INSERT INTO posts_fts (rowid, title, content) VALUES (new.id, new.title, new.content);
                END
                """,
            postgresql: """
                CREATE TABLE posts (
                    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    title VARCHAR(200) NOT NULL,
                    slug TEXT NOT NULL CONSTRAINT posts_slug_key UNIQUE,
                    content TEXT NOT NULL,
                    status VARCHAR(20) NOT NULL DEFAULT 'draft' CONSTRAINT posts_status_check CHECK (status IN ('draft', 'published', 'archived')),
                    view_count BIGINT NOT NULL DEFAULT 0,
                    author_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                    published_at TIMESTAMPTZ,
                    created_at TIMESTAMPTZ NOT NULL,
                    updated_at TIMESTAMPTZ NOT NULL,
                    search_vector TSVECTOR GENERATED ALWAYS AS (
                        setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', content), 'B')
                    ) STORED
                );
                CREATE INDEX posts_created_at_idx ON posts (created_at, id);
                CREATE INDEX posts_status_idx ON posts (status, created_at, id);
                CREATE INDEX posts_author_idx ON posts (author_id, created_at, id);
                CREATE INDEX posts_search_idx ON posts USING GIN (search_vector);
                CREATE TABLE tags (
                    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    name VARCHAR(50) NOT NULL,
                    name_key TEXT NOT NULL CONSTRAINT tags_name_key UNIQUE,
                    slug TEXT NOT NULL CONSTRAINT tags_slug_key UNIQUE
                );
                CREATE TABLE post_tags (
                    post_id BIGINT NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
                    tag_id BIGINT NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
                    PRIMARY KEY (post_id, tag_id)
                );
                CREATE INDEX post_tags_tag_idx ON post_tags (tag_id, post_id);
                CREATE TABLE comments (
                    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    post_id BIGINT NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
                    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                    parent_id BIGINT REFERENCES comments (id) ON DELETE CASCADE,
                    content VARCHAR(5000) NOT NULL,
                    created_at TIMESTAMPTZ NOT NULL
                );
                CREATE INDEX comments_post_idx ON comments (post_id, created_at, id);
                CREATE INDEX comments_user_idx ON comments (user_id);
                CREATE INDEX comments_parent_idx ON comments (parent_id)
                """),
        down: .dialect(
            sqlite: """
                DROP TRIGGER posts_fts_after_update;
                DROP TRIGGER posts_fts_after_delete;
                DROP TRIGGER posts_fts_after_insert;
                DROP TABLE posts_fts;
                DROP TABLE comments;
                DROP TABLE post_tags;
                DROP TABLE tags;
                DROP TABLE posts
                """,
            postgresql: "DROP TABLE comments; DROP TABLE post_tags; DROP TABLE tags; DROP TABLE posts"))
}
