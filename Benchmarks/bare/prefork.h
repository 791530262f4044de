/* The shape shared by the bare libfcgi responders: PROCESSES processes (forked after
 * the socket is bound, like `ferry serve`'s workers sharing the master's socket) × THREADS
 * threads, each thread looping FCGX_Accept_r / FCGX_Finish_r on its own FCGX_Request.
 * A responder defines `thread_state` (per-thread setup: its own database connection)
 * and `respond`. Benchmark only, never shipped. */
#include <fcgiapp.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static void *thread_state(const char *database);
static void respond(FCGX_Request *request, void *state);

static int listen_fd;
static const char *database_arg;

static void *serve(void *unused) {
    (void)unused;
    void *state = thread_state(database_arg);
    FCGX_Request *request = malloc(sizeof *request); /* must not move while in use */
    FCGX_InitRequest(request, listen_fd, 0);
    while (FCGX_Accept_r(request) >= 0) {
        respond(request, state);
        FCGX_Finish_r(request);
    }
    return NULL;
}

static void serve_threads(int threads) {
    pthread_t ids[256];
    if (threads > 256) threads = 256;
    for (int i = 0; i < threads; i++) pthread_create(&ids[i], NULL, serve, NULL);
    for (int i = 0; i < threads; i++) pthread_join(ids[i], NULL);
}

/* The path's last segment as a positive id, or 0. */
__attribute__((unused)) static long long path_id(FCGX_Request *request) {
    const char *uri = FCGX_GetParam("DOCUMENT_URI", request->envp);
    const char *slash = uri ? strrchr(uri, '/') : NULL;
    if (!slash || !slash[1]) return 0;
    char *end;
    long long id = strtoll(slash + 1, &end, 10);
    return *end ? 0 : id;
}

/* Appends `text` as a JSON string (quoted, escaped) to out; returns the new length. */
__attribute__((unused)) static size_t json_string(char *out, size_t length, size_t capacity, const char *text) {
    if (length + 2 >= capacity) return length;
    out[length++] = '"';
    for (const unsigned char *c = (const unsigned char *)text; *c && length + 8 < capacity; c++) {
        if (*c == '"' || *c == '\\') { out[length++] = '\\'; out[length++] = (char)*c; }
        else if (*c < 0x20) length += (size_t)snprintf(out + length, capacity - length, "\\u%04x", *c);
        else out[length++] = (char)*c;
    }
    out[length++] = '"';
    return length;
}

static void send_json(FCGX_Request *request, int status, const char *body, size_t length) {
    char head[160]; /* formatted here: libfcgi's own FCGX_FPrintF knows no %zu */
    int n = snprintf(head, sizeof head, "Status: %d %s\r\nContent-Type: application/json\r\nContent-Length: %zu\r\n\r\n",
                     status, status == 200 ? "OK" : status == 404 ? "Not Found" : "Internal Server Error", length);
    FCGX_PutStr(head, n, request->out);
    FCGX_PutStr(body, (int)length, request->out);
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: %s SOCKET THREADS [PROCESSES [DATABASE]]\n", argv[0]);
        return 2;
    }
    int threads = atoi(argv[2]);
    int processes = argc > 3 ? atoi(argv[3]) : 1;
    database_arg = argc > 4 ? argv[4] : NULL;
    FCGX_Init();
    unlink(argv[1]);
    listen_fd = FCGX_OpenSocket(argv[1], 1024);
    if (listen_fd < 0) { perror("FCGX_OpenSocket"); return 1; }
    chmod(argv[1], 0666);
    if (processes <= 1) { serve_threads(threads); return 0; }
    for (int i = 0; i < processes; i++) {
        if (fork() == 0) {
            prctl(PR_SET_PDEATHSIG, SIGKILL); /* never outlive the benchmark's process */
            serve_threads(threads);
            _exit(0);
        }
    }
    while (wait(NULL) > 0) {}
    return 0;
}
