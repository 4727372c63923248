#include "CBaseline.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "ste_bench_c_tp.h"

void ste_bench_c_off_calls(const char *name, uint64_t offset, uint32_t size, uint64_t count) {
    for (uint64_t i = 0; i < count; i++) {
        lttng_ust_tracepoint(ste_bench_c, bench_off, name, offset + i, size);
    }
}

void ste_bench_c_str2_calls(const char *name, uint64_t offset, uint32_t size, uint64_t count) {
    for (uint64_t i = 0; i < count; i++) {
        lttng_ust_tracepoint(ste_bench_c, bench_str2, name, offset + i, size);
    }
}

void ste_bench_c_int10_calls(uint64_t base, uint64_t count) {
    for (uint64_t i = 0; i < count; i++) {
        uint64_t b = base + i;
        lttng_ust_tracepoint(ste_bench_c, bench_int10, b, b + 1, b + 2, b + 3, b + 4, b + 5, b + 6, b + 7, b + 8,
                             b + 9);
    }
}

/* QEMU's dynamic state of bench_off (its generated `_TRACE_BENCH_OFF_DSTATE`), never set. */
uint16_t ste_bench_c_bench_off_dstate;

/* What QEMU's log backend does for an enabled event; out of line, as the call site's branch keeps it cold. */
__attribute__((noinline)) static void ste_bench_c_log_off(const char *name, uint64_t offset, uint32_t size) {
    fprintf(stderr, "bench_off name %s offset 0x%" PRIx64 " size %u\n", name, offset, size);
}

void ste_bench_c_off_qemu_calls(const char *name, uint64_t offset, uint32_t size, uint64_t count) {
    for (uint64_t i = 0; i < count; i++) {
        /* QEMU's trace_bench_off() with the log and ust backends: one check and call per backend. */
        if (__builtin_expect(ste_bench_c_bench_off_dstate, 0)) ste_bench_c_log_off(name, offset + i, size);
        lttng_ust_tracepoint(ste_bench_c, bench_off, name, offset + i, size);
    }
}

int ste_bench_c_tracepoint_enabled(const char *event) {
    if (strcmp(event, "off") == 0) return lttng_ust_tracepoint_enabled(ste_bench_c, bench_off) ? 1 : 0;
    if (strcmp(event, "str2") == 0) return lttng_ust_tracepoint_enabled(ste_bench_c, bench_str2) ? 1 : 0;
    if (strcmp(event, "int10") == 0) return lttng_ust_tracepoint_enabled(ste_bench_c, bench_int10) ? 1 : 0;
    return 0;
}
