// prctl and syscall are variadic, so Swift cannot call them directly.
#include <sys/prctl.h>

static inline int ferry_set_parent_death_signal(int signal) {
    return prctl(PR_SET_PDEATHSIG, (unsigned long)signal, 0UL, 0UL, 0UL);
}

// memfd_create(2) is declared only under _GNU_SOURCE; the raw system call needs no macro.
#include <sys/syscall.h>
#include <unistd.h>

static inline int ferry_memfd_create(const char *name, unsigned int flags) {
    return (int)syscall(SYS_memfd_create, name, flags);
}
