import Database

extension AppMigrations {
    /// Users. SQLite ids are AUTOINCREMENT so a deleted user's id is never reused (a token
    /// naming it must not authenticate a newer user); PostgreSQL identities never reuse.
    /// Emails are stored lowercased, so the unique index ignores case.
    static let createUsers = Migration(
        version: 1, name: "create_users",
        up: .dialect(
            sqlite: """
                CREATE TABLE users (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    username TEXT NOT NULL CONSTRAINT users_username_key UNIQUE,
                    email TEXT NOT NULL CONSTRAINT users_email_key UNIQUE,
                    hashed_password TEXT NOT NULL,
                    full_name TEXT,
                    bio TEXT,
                    is_active BOOLEAN NOT NULL DEFAULT 1,
                    is_superuser BOOLEAN NOT NULL DEFAULT 0,
                    created_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL
                );
                CREATE INDEX users_created_at_idx ON users (created_at, id);
                CREATE INDEX users_is_active_idx ON users (is_active, updated_at)
                """,
            postgresql: """
                CREATE TABLE users (
                    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    username VARCHAR(50) NOT NULL CONSTRAINT users_username_key UNIQUE,
                    email VARCHAR(255) NOT NULL CONSTRAINT users_email_key UNIQUE,
                    hashed_password TEXT NOT NULL,
                    full_name VARCHAR(100),
                    bio VARCHAR(1000),
                    is_active BOOLEAN NOT NULL DEFAULT TRUE,
                    is_superuser BOOLEAN NOT NULL DEFAULT FALSE,
                    created_at TIMESTAMPTZ NOT NULL,
                    updated_at TIMESTAMPTZ NOT NULL
                );
                CREATE INDEX users_created_at_idx ON users (created_at, id);
                CREATE INDEX users_is_active_idx ON users (is_active, updated_at)
                """),
        down: "DROP TABLE users")
}
