#define _GNU_SOURCE
#include "CBaseline.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* QEMU's simple-trace event record of bench_line(name, offset, size), written with fwrite: type, id, timestamp
 * (CLOCK_MONOTONIC ns), length, pid, then the payload (u32 length + name bytes, two 8-byte integers). The closest
 * thing in C to the simple backend without its writer thread: stdio buffers the bytes and writes them itself. */
void ste_bench_c_simple_calls(FILE *file, const char *name, uint64_t offset, uint32_t size, uint64_t count) {
    uint32_t pid = (uint32_t)getpid();
    size_t name_length = strlen(name);
    if (name_length > 512) name_length = 512;
    for (uint64_t i = 0; i < count; i++) {
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        uint8_t record[32 + 4 + 512 + 16];
        uint64_t type = 1, id = 0, timestamp = (uint64_t)now.tv_sec * 1000000000ull + (uint64_t)now.tv_nsec;
        uint32_t payload = (uint32_t)(4 + name_length + 16), length = 24 + payload, string_length = (uint32_t)name_length;
        uint64_t values[2] = { offset + i, size };
        uint8_t *at = record;
        memcpy(at, &type, 8); at += 8;
        memcpy(at, &id, 8); at += 8;
        memcpy(at, &timestamp, 8); at += 8;
        memcpy(at, &length, 4); at += 4;
        memcpy(at, &pid, 4); at += 4;
        memcpy(at, &string_length, 4); at += 4;
        memcpy(at, name, name_length); at += name_length;
        memcpy(at, values, 16); at += 16;
        fwrite(record, 1, (size_t)(at - record), file);
    }
}
