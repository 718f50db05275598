/*
 * tests/bench/alloc_hook.c — counts malloc/calloc/realloc calls of the whole process (the host,
 * the plugins, libstdc++) while `abi_bench_counting` is set. Defined in the executable, these
 * interpose glibc's (which stay reachable as __libc_*); free is glibc's own. glibc only.
 */
#include <stddef.h>

extern void* __libc_malloc(size_t n);
extern void* __libc_calloc(size_t n, size_t size);
extern void* __libc_realloc(void* p, size_t n);

volatile int abi_bench_counting = 0;
unsigned long abi_bench_mallocs = 0;

void* malloc(size_t n) {
    if (abi_bench_counting) ++abi_bench_mallocs;
    return __libc_malloc(n);
}

void* calloc(size_t n, size_t size) {
    if (abi_bench_counting) ++abi_bench_mallocs;
    return __libc_calloc(n, size);
}

void* realloc(void* p, size_t n) {
    if (abi_bench_counting) ++abi_bench_mallocs;
    return __libc_realloc(p, n);
}
