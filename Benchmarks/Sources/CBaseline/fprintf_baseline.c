#define _GNU_SOURCE
#include "CBaseline.h"

#include <inttypes.h>
#include <stdio.h>
#include <sys/time.h>
#include <unistd.h>

void ste_bench_c_fprintf_calls(const char *name, uint64_t offset, uint32_t size, uint64_t count) {
    for (uint64_t i = 0; i < count; i++) {
        struct timeval now;
        gettimeofday(&now, NULL);
        fprintf(stderr, "%d@%zu.%06zu:bench_line name %s offset 0x%" PRIx64 " size %u\n", (int)gettid(),
                (size_t)now.tv_sec, (size_t)now.tv_usec, name, offset + i, size);
    }
}
