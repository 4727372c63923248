/*
 * The C side of every comparison: the same call sites a C program would have, compiled with -O2.
 *
 * Each *_calls function performs `count` calls of one call site in a loop, so a benchmark sample times
 * C's own loop rather than a Swift-to-C call per event. Arguments vary with the loop index so the
 * compiler cannot hoist the work out of the loop.
 */
#ifndef STE_BENCH_CBASELINE_H
#define STE_BENCH_CBASELINE_H

#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/** `count` calls of the LTTng tracepoint `ste_bench_c:bench_off`, which no session enables. */
void ste_bench_c_off_calls(const char *name, uint64_t offset, uint32_t size, uint64_t count);

/**
 * `count` calls of bench_off as QEMU's generated code makes them with its log and ust backends: the dynamic state
 * checked, then the tracepoint checked, each with its own call (QEMU also tests trace_events_enabled_count and the
 * log mask first; this is the lower bound of its call site).
 */
void ste_bench_c_off_qemu_calls(const char *name, uint64_t offset, uint32_t size, uint64_t count);

/**
 * `count` calls of bench_plain_off as QEMU's generated code makes them with only its log backend: one dynamic state
 * checked (read as volatile, as a state another thread may set), the log call out of line. The C twin of an event
 * generated with the LTTng trait off.
 */
void ste_bench_c_plain_off_calls(const char *name, uint64_t offset, uint32_t size, uint64_t count);

/**
 * `count` calls of the USDT probe `ste_bench_c:bench_usdt_off` (DTRACE_PROBE3) behind its SDT semaphore, which no
 * tool holds: `if (__builtin_expect(semaphore, 0)) DTRACE_PROBE3(...)`, as QEMU's dtrace backend's call site.
 */
void ste_bench_c_usdt_off_calls(const char *name, uint64_t offset, uint32_t size, uint64_t count);

/** Whether a tool is attached to `ste_bench_c:bench_usdt_off` (its semaphore is non-zero). */
int ste_bench_c_usdt_attached(void);

/** `count` events `ste_bench_c:bench_str2` (one string, two integers). */
void ste_bench_c_str2_calls(const char *name, uint64_t offset, uint32_t size, uint64_t count);

/** `count` events `ste_bench_c:bench_int10` (ten integers, `base + i` .. `base + i + 9`). */
void ste_bench_c_int10_calls(uint64_t base, uint64_t count);

/** Whether a session currently records the tracepoint (1) or not (0); `event` is "off", "str2" or "int10". */
int ste_bench_c_tracepoint_enabled(const char *event);

/**
 * `count` lines as QEMU's log backend prints them with timestamps on, to stdio's unbuffered stderr:
 * `fprintf(stderr, "%d@%zu.%06zu:bench_line name %s offset 0x%" PRIx64 " size %u\n", tid, sec, usec, ...)`
 * after gettimeofday and a gettid system call, as QEMU's generated code does.
 */
void ste_bench_c_fprintf_calls(const char *name, uint64_t offset, uint32_t size, uint64_t count);

/**
 * `count` QEMU simple-trace records of bench_line(name, offset, size) (header, u32-length string, two 8-byte
 * integers), each stamped with CLOCK_MONOTONIC and written with fwrite(3) to `file`.
 */
void ste_bench_c_simple_calls(FILE *file, const char *name, uint64_t offset, uint32_t size, uint64_t count);

/** A measured body: `count` calls of one case with `context` as its state. */
typedef void (*ste_bench_body)(void *context, uint64_t count);

/**
 * Runs `body(context, count)`. Callgrind counts instructions only inside this function
 * (`--toggle-collect=ste_bench_region`), which leaves out start-up, argument set-up and other threads.
 */
void ste_bench_region(ste_bench_body body, void *context, uint64_t count);

/** Returns `value` through a call the optimizer cannot see into, so inputs stay unknown at compile time. */
uint64_t ste_bench_opaque_u64(uint64_t value);

/** Returns `value` through a call the optimizer cannot see into. */
const char *ste_bench_opaque_string(const char *value);

/** Sets the buffer of the pipe behind `fd` to `bytes` (fcntl F_SETPIPE_SZ); the new size, or -1 with errno. */
int ste_bench_set_pipe_capacity(int fd, int bytes);

#ifdef __cplusplus
}
#endif

#endif /* STE_BENCH_CBASELINE_H */
