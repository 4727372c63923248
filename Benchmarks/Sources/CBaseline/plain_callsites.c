/* The trait-off baseline: QEMU's call site of an event with only its log backend, one dynamic state checked. */
#include "CBaseline.h"

#include <inttypes.h>
#include <stdio.h>

/* QEMU's dynamic state of bench_plain_off (its generated `_TRACE_BENCH_PLAIN_OFF_DSTATE`), never set. */
uint16_t ste_bench_c_bench_plain_off_dstate;

/* What QEMU's log backend does for an enabled event; out of line, as the call site's branch keeps it cold. */
__attribute__((noinline)) static void ste_bench_c_log_plain_off(const char *name, uint64_t offset, uint32_t size) {
    fprintf(stderr, "bench_plain_off name %s offset 0x%" PRIx64 " size %u\n", name, offset, size);
}

void ste_bench_c_plain_off_calls(const char *name, uint64_t offset, uint32_t size, uint64_t count) {
    for (uint64_t i = 0; i < count; i++) {
        /* Read as volatile: `trace-event` may turn the event on at any moment, and in a loop with nothing else in
         * it the compiler would otherwise read the state once before the loop (a real call site's other calls
         * force the reload, as the generated Swift's load does here). */
        if (__builtin_expect(*(volatile uint16_t *)&ste_bench_c_bench_plain_off_dstate, 0)) {
            ste_bench_c_log_plain_off(name, offset + i, size);
        }
    }
}
