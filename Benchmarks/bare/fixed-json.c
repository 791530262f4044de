/* The ceiling of the FastCGI hop: a bare libfcgi responder answering Ferry's GET /
 * body with nothing else, in `ferry serve`'s shape (prefork.h). Benchmark only.
 *   cc -O2 -o fixed-json fixed-json.c -lfcgi -lpthread
 *   ./fixed-json /path/to.sock THREADS [PROCESSES] */
#include "prefork.h"

static const char body[] = "{\"message\":\"Ferry API\",\"version\":\"0.1.0\"}";

static void *thread_state(const char *database) { (void)database; return NULL; }

static void respond(FCGX_Request *request, void *state) {
    (void)state;
    send_json(request, 200, body, sizeof body - 1);
}
