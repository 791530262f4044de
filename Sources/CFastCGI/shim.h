#include <fcgiapp.h>
// What serving threads wait on between requests (Glibc's module map leaves these out).
#include <sys/epoll.h>
#include <sys/eventfd.h>
