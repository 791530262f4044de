/* The ceiling of the FastCGI hop plus SQLite: GET /products/{id} answered by a bare
 * libfcgi responder in `ferry serve`'s shape (prefork.h) with the statement Ferry runs
 * (ProductRepository.find: the product joined to its category), prepared once per thread
 * on the thread's own connection (WAL, the pragmas Ferry sets), each row written as JSON
 * with the same fields. No transaction around the read (autocommit). Benchmark only.
 *   cc -O2 -o sqlite-product sqlite-product.c -lfcgi -lsqlite3 -lpthread
 *   ./sqlite-product /path/to.sock THREADS PROCESSES /path/to/ferry.db */
#include "prefork.h"
#include <sqlite3.h>

static const char query[] =
    "SELECT p.id, p.name, p.slug, p.description, p.price_cents, p.stock_quantity, p.sku, p.is_active, p.category_id,"
    " p.created_at, p.updated_at, c.name AS category_name, c.slug AS category_slug"
    " FROM products p LEFT JOIN categories c ON c.id = p.category_id WHERE p.id = ?";

static void *thread_state(const char *path) {
    sqlite3 *db;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
        fprintf(stderr, "sqlite3_open_v2 %s failed\n", path); exit(1);
    }
    sqlite3_busy_timeout(db, 5000);
    sqlite3_exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON", NULL, NULL, NULL);
    sqlite3_stmt *statement;
    if (sqlite3_prepare_v3(db, query, -1, SQLITE_PREPARE_PERSISTENT, &statement, NULL) != SQLITE_OK) {
        fprintf(stderr, "prepare: %s\n", sqlite3_errmsg(db)); exit(1);
    }
    return statement;
}

static const char *text(sqlite3_stmt *s, int column) {
    const unsigned char *value = sqlite3_column_text(s, column);
    return value ? (const char *)value : "";
}

static void respond(FCGX_Request *request, void *state) {
    sqlite3_stmt *s = state;
    char body[4096];
    size_t n = 0;
    sqlite3_bind_int64(s, 1, path_id(request));
    if (sqlite3_step(s) != SQLITE_ROW) {
        sqlite3_reset(s);
        static const char missing[] = "{\"detail\":\"Product not found\"}";
        send_json(request, 404, missing, sizeof missing - 1);
        return;
    }
    long long cents = sqlite3_column_int64(s, 4);
    n += (size_t)snprintf(body + n, sizeof body - n, "{\"id\":%lld,\"name\":", sqlite3_column_int64(s, 0));
    n = json_string(body, n, sizeof body, text(s, 1));
    n += (size_t)snprintf(body + n, sizeof body - n, ",\"slug\":");
    n = json_string(body, n, sizeof body, text(s, 2));
    n += (size_t)snprintf(body + n, sizeof body - n, ",\"description\":");
    n = json_string(body, n, sizeof body, text(s, 3));
    n += (size_t)snprintf(body + n, sizeof body - n, ",\"price\":\"%lld.%02lld\",\"stock_quantity\":%lld,\"sku\":",
                          cents / 100, cents % 100, sqlite3_column_int64(s, 5));
    n = json_string(body, n, sizeof body, text(s, 6));
    n += (size_t)snprintf(body + n, sizeof body - n, ",\"is_active\":%s,\"category_id\":%lld,\"category\":{\"id\":%lld,\"name\":",
                          sqlite3_column_int(s, 7) ? "true" : "false", sqlite3_column_int64(s, 8), sqlite3_column_int64(s, 8));
    n = json_string(body, n, sizeof body, text(s, 11));
    n += (size_t)snprintf(body + n, sizeof body - n, ",\"slug\":");
    n = json_string(body, n, sizeof body, text(s, 12));
    n += (size_t)snprintf(body + n, sizeof body - n, "},\"created_at\":");
    n = json_string(body, n, sizeof body, text(s, 9));
    n += (size_t)snprintf(body + n, sizeof body - n, ",\"updated_at\":");
    n = json_string(body, n, sizeof body, text(s, 10));
    body[n++] = '}';
    sqlite3_reset(s);
    send_json(request, 200, body, n);
}
