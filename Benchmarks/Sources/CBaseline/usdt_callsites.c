/* The USDT baseline: a SystemTap SDT probe with a semaphore, as QEMU's dtrace backend and C programs place them. */
#include "CBaseline.h"

/* Before <sys/sdt.h>: the probe's note then records the semaphore's address, and tools increment it on attach. */
#define _SDT_HAS_SEMAPHORES 1
#include <sys/sdt.h>

__extension__ unsigned short ste_bench_c_bench_usdt_off_semaphore __attribute__((unused))
__attribute__((section(".probes")));

void ste_bench_c_usdt_off_calls(const char *name, uint64_t offset, uint32_t size, uint64_t count) {
    for (uint64_t i = 0; i < count; i++) {
        /* QEMU's `if (QEMU_..._ENABLED()) QEMU_...(...)`, ENABLED being __builtin_expect(semaphore, 0). Read as
         * volatile: a tool may attach at any moment, and in a loop with nothing else in it the compiler would
         * otherwise read the semaphore once before the loop (a real call site's other calls force the reload, as
         * LTTng's CMM_LOAD_SHARED and the generated Swift's load do here). */
        if (__builtin_expect(*(volatile unsigned short *)&ste_bench_c_bench_usdt_off_semaphore, 0)) {
            DTRACE_PROBE3(ste_bench_c, bench_usdt_off, name, offset + i, size);
        }
    }
}

int ste_bench_c_usdt_attached(void) { return ste_bench_c_bench_usdt_off_semaphore != 0; }
