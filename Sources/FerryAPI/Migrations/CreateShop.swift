import Database

extension AppMigrations {
    /// Categories (a tree), products and orders. Money is integer cents on both databases.
    /// `(name, category_id)` is unique with a missing category counted as one value too
    /// (an expression index: plain UNIQUE would let NULLs repeat). Deleting a category
    /// leaves its products and children uncategorised; a product that order items refer
    /// to cannot be deleted; deleting a user deletes their orders.
    static let createShop = Migration(
        version: 3, name: "create_shop",
        up: .dialect(
            sqlite: """
                CREATE TABLE categories (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    name TEXT NOT NULL CONSTRAINT categories_name_key UNIQUE,
                    slug TEXT NOT NULL CONSTRAINT categories_slug_key UNIQUE,
                    description TEXT,
                    parent_id INTEGER REFERENCES categories (id) ON DELETE SET NULL,
                    created_at TEXT NOT NULL
                );
                CREATE TABLE products (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    name TEXT NOT NULL,
                    slug TEXT NOT NULL CONSTRAINT products_slug_key UNIQUE,
                    description TEXT,
                    price_cents BIGINT NOT NULL CONSTRAINT products_price_check CHECK (price_cents >= 0),
                    stock_quantity INTEGER NOT NULL DEFAULT 0 CONSTRAINT products_stock_check CHECK (stock_quantity >= 0),
                    sku TEXT NOT NULL CONSTRAINT products_sku_key UNIQUE,
                    is_active BOOLEAN NOT NULL DEFAULT 1,
                    category_id INTEGER REFERENCES categories (id) ON DELETE SET NULL,
                    created_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL
                );
                CREATE UNIQUE INDEX products_name_category_key ON products (name, COALESCE(category_id, 0));
                CREATE INDEX products_category_idx ON products (category_id, is_active, name);
                CREATE INDEX products_created_at_idx ON products (created_at, id);
                CREATE TABLE orders (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    order_number TEXT NOT NULL CONSTRAINT orders_order_number_key UNIQUE,
                    status TEXT NOT NULL CONSTRAINT orders_status_check
                        CHECK (status IN ('pending', 'confirmed', 'shipped', 'delivered', 'cancelled')),
                    total_cents BIGINT NOT NULL,
                    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                    shipping_address TEXT,
                    created_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL
                );
                CREATE INDEX orders_user_idx ON orders (user_id, created_at, id);
                CREATE TABLE order_items (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    order_id INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
                    product_id INTEGER NOT NULL REFERENCES products (id) ON DELETE RESTRICT,
                    product_name TEXT NOT NULL,
                    quantity INTEGER NOT NULL CONSTRAINT order_items_quantity_check CHECK (quantity > 0),
                    unit_price_cents BIGINT NOT NULL,
                    total_price_cents BIGINT NOT NULL
                );
                CREATE INDEX order_items_order_idx ON order_items (order_id);
                CREATE INDEX order_items_product_idx ON order_items (product_id)
                """,
            postgresql: """
                CREATE TABLE categories (
                    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    name VARCHAR(100) NOT NULL CONSTRAINT categories_name_key UNIQUE,
                    slug VARCHAR(120) NOT NULL CONSTRAINT categories_slug_key UNIQUE,
                    description TEXT,
                    parent_id BIGINT REFERENCES categories (id) ON DELETE SET NULL,
                    created_at TIMESTAMPTZ NOT NULL
                );
                CREATE TABLE products (
                    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    name VARCHAR(200) NOT NULL,
                    slug VARCHAR(220) NOT NULL CONSTRAINT products_slug_key UNIQUE,
                    description TEXT,
                    price_cents BIGINT NOT NULL CONSTRAINT products_price_check CHECK (price_cents >= 0),
                    stock_quantity INTEGER NOT NULL DEFAULT 0 CONSTRAINT products_stock_check CHECK (stock_quantity >= 0),
                    sku VARCHAR(50) NOT NULL CONSTRAINT products_sku_key UNIQUE,
                    is_active BOOLEAN NOT NULL DEFAULT TRUE,
                    category_id BIGINT REFERENCES categories (id) ON DELETE SET NULL,
                    created_at TIMESTAMPTZ NOT NULL,
                    updated_at TIMESTAMPTZ NOT NULL
                );
                CREATE UNIQUE INDEX products_name_category_key ON products (name, COALESCE(category_id, 0));
                CREATE INDEX products_category_idx ON products (category_id, is_active, name);
                CREATE INDEX products_created_at_idx ON products (created_at, id);
                CREATE TABLE orders (
                    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    order_number VARCHAR(30) NOT NULL CONSTRAINT orders_order_number_key UNIQUE,
                    status VARCHAR(20) NOT NULL CONSTRAINT orders_status_check
                        CHECK (status IN ('pending', 'confirmed', 'shipped', 'delivered', 'cancelled')),
                    total_cents BIGINT NOT NULL,
                    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
                    shipping_address TEXT,
                    created_at TIMESTAMPTZ NOT NULL,
                    updated_at TIMESTAMPTZ NOT NULL
                );
                CREATE INDEX orders_user_idx ON orders (user_id, created_at, id);
                CREATE TABLE order_items (
                    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    order_id BIGINT NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
                    product_id BIGINT NOT NULL REFERENCES products (id) ON DELETE RESTRICT,
                    product_name VARCHAR(200) NOT NULL,
                    quantity INTEGER NOT NULL CONSTRAINT order_items_quantity_check CHECK (quantity > 0),
                    unit_price_cents BIGINT NOT NULL,
                    total_price_cents BIGINT NOT NULL
                );
                CREATE INDEX order_items_order_idx ON order_items (order_id);
                CREATE INDEX order_items_product_idx ON order_items (product_id)
                """),
        down: "DROP TABLE order_items; DROP TABLE orders; DROP TABLE products; DROP TABLE categories")
}
