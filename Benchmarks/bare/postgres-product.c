/* The ceiling of the FastCGI hop plus PostgreSQL: GET /products/{id} answered by a bare
 * libpq responder in `ferry serve`'s shape (prefork.h) with the statement Ferry runs
 * (ProductRepository.find), prepared once per thread on the thread's own connection and
 * run with one PQexecPrepared round trip (autocommit: no BEGIN/COMMIT), each row written
 * as JSON with the same fields. Benchmark only.
 *   cc -O2 -I/usr/include/postgresql -o postgres-product postgres-product.c -lfcgi -lpq -lpthread
 *   ./postgres-product /path/to.sock THREADS PROCESSES postgresql://... */
#include "prefork.h"
#include <libpq-fe.h>

static const char query[] =
    "SELECT p.id, p.name, p.slug, p.description, p.price_cents, p.stock_quantity, p.sku, p.is_active, p.category_id,"
    " p.created_at, p.updated_at, c.name AS category_name, c.slug AS category_slug"
    " FROM products p LEFT JOIN categories c ON c.id = p.category_id WHERE p.id = $1";

static void *thread_state(const char *url) {
    PGconn *connection = PQconnectdb(url);
    if (PQstatus(connection) != CONNECTION_OK) { fprintf(stderr, "connect: %s", PQerrorMessage(connection)); exit(1); }
    PGresult *prepared = PQprepare(connection, "product", query, 1, NULL);
    if (PQresultStatus(prepared) != PGRES_COMMAND_OK) { fprintf(stderr, "prepare: %s", PQerrorMessage(connection)); exit(1); }
    PQclear(prepared);
    return connection;
}

static void respond(FCGX_Request *request, void *state) {
    PGconn *connection = state;
    char id[32], body[4096];
    size_t n = 0;
    snprintf(id, sizeof id, "%lld", path_id(request));
    const char *values[1] = {id};
    PGresult *r = PQexecPrepared(connection, "product", 1, values, NULL, NULL, 0);
    if (PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) == 0) {
        int failed = PQresultStatus(r) != PGRES_TUPLES_OK;
        PQclear(r);
        static const char missing[] = "{\"detail\":\"Product not found\"}";
        static const char error[] = "{\"detail\":\"Internal Server Error\"}";
        if (failed) send_json(request, 500, error, sizeof error - 1);
        else send_json(request, 404, missing, sizeof missing - 1);
        return;
    }
    long long cents = atoll(PQgetvalue(r, 0, 4));
    n += (size_t)snprintf(body + n, sizeof body - n, "{\"id\":%s,\"name\":", PQgetvalue(r, 0, 0));
    n = json_string(body, n, sizeof body, PQgetvalue(r, 0, 1));
    n += (size_t)snprintf(body + n, sizeof body - n, ",\"slug\":");
    n = json_string(body, n, sizeof body, PQgetvalue(r, 0, 2));
    n += (size_t)snprintf(body + n, sizeof body - n, ",\"description\":");
    n = json_string(body, n, sizeof body, PQgetvalue(r, 0, 3));
    n += (size_t)snprintf(body + n, sizeof body - n, ",\"price\":\"%lld.%02lld\",\"stock_quantity\":%s,\"sku\":",
                          cents / 100, cents % 100, PQgetvalue(r, 0, 5));
    n = json_string(body, n, sizeof body, PQgetvalue(r, 0, 6));
    n += (size_t)snprintf(body + n, sizeof body - n, ",\"is_active\":%s,\"category_id\":%s,\"category\":{\"id\":%s,\"name\":",
                          PQgetvalue(r, 0, 7)[0] == 't' ? "true" : "false", PQgetvalue(r, 0, 8), PQgetvalue(r, 0, 8));
    n = json_string(body, n, sizeof body, PQgetvalue(r, 0, 11));
    n += (size_t)snprintf(body + n, sizeof body - n, ",\"slug\":");
    n = json_string(body, n, sizeof body, PQgetvalue(r, 0, 12));
    n += (size_t)snprintf(body + n, sizeof body - n, "},\"created_at\":");
    n = json_string(body, n, sizeof body, PQgetvalue(r, 0, 9));
    n += (size_t)snprintf(body + n, sizeof body - n, ",\"updated_at\":");
    n = json_string(body, n, sizeof body, PQgetvalue(r, 0, 10));
    body[n++] = '}';
    PQclear(r);
    send_json(request, 200, body, n);
}
