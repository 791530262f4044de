/* The ceiling of the FastCGI hop: a bare libfcgi responder answering Ferry's GET /
 * body with nothing else, threaded like `ferry serve`. Benchmark only, never shipped.
 *   cc -O2 -o fixed-json fixed-json.c -lfcgi -lpthread
 *   ./fixed-json /path/to.sock THREADS */
#include <fcgiapp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int listen_fd;
static const char response[] =
    "Status: 200 OK\r\nContent-Type: application/json\r\nContent-Length: 41\r\n\r\n"
    "{\"message\":\"Ferry API\",\"version\":\"0.1.0\"}";

static void *serve(void *unused) {
    (void)unused;
    FCGX_Request *request = malloc(sizeof *request); /* must not move while in use */
    FCGX_InitRequest(request, listen_fd, 0);
    while (FCGX_Accept_r(request) >= 0) {
        FCGX_PutStr(response, sizeof response - 1, request->out);
        FCGX_Finish_r(request);
    }
    return NULL;
}

int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: %s SOCKET THREADS\n", argv[0]); return 2; }
    int threads = atoi(argv[2]);
    FCGX_Init();
    unlink(argv[1]);
    listen_fd = FCGX_OpenSocket(argv[1], 1024);
    if (listen_fd < 0) { perror("FCGX_OpenSocket"); return 1; }
    chmod(argv[1], 0666);
    pthread_t ids[256];
    for (int i = 0; i < threads && i < 256; i++) pthread_create(&ids[i], NULL, serve, NULL);
    for (int i = 0; i < threads && i < 256; i++) pthread_join(ids[i], NULL);
    return 0;
}
