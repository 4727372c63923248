#include "CBaseline.h"

__attribute__((noinline)) void ste_bench_region(ste_bench_body body, void *context, uint64_t count) {
    body(context, count);
    /* Keeps the call from becoming a tail jump, which would leave the region before the body runs. */
    __asm__ volatile("" ::: "memory");
}
