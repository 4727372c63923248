/*
 * Operating-system helpers of the TraceEvents Swift runtime. Not part of the ABI with generated providers:
 * generated code never calls these. They live in C because Swift cannot call variadic syscall(2), and because
 * suppressing SIGPIPE for one write needs signal-mask calls that are clearer next to the write itself.
 */
#ifndef CTRACE_EVENTS_RUNTIME_H
#define CTRACE_EVENTS_RUNTIME_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__clang__)
#pragma clang assume_nonnull begin
#elif !defined(_Nullable)
/* gcc (the corpus and benchmark builds) has no nullability qualifiers; Swift's clang reads them. */
#define _Nullable
#define _Nonnull
#endif

/** The kernel thread id of the calling thread (gettid(2)), as QEMU's qemu_get_thread_id prints it. */
int32_t ste_thread_id(void);

/** Wall-clock time (CLOCK_REALTIME, the clock gettimeofday(2) reads) split into seconds and nanoseconds. */
void ste_realtime_now(int64_t *seconds, int32_t *nanoseconds);

/**
 * Initializes a reader-writer lock on which a waiting writer goes before new readers. glibc's default prefers
 * readers, so a steady stream of traced events on many threads could keep a backend change waiting for ever.
 * Returns pthread_rwlock_init's result.
 */
int ste_rwlock_init(pthread_rwlock_t *lock);

/** How an output file descriptor is written without blocking forever or raising SIGPIPE. */
typedef struct ste_output {
    /** The descriptor written to: the caller's, or a private non-blocking open of the same pipe. */
    int fd;
    /** 1 when `fd` was opened by ste_output_open and must be closed by ste_output_close. */
    int owns_fd;
    /** 1 when `fd` is a socket: written with send(MSG_NOSIGNAL | MSG_DONTWAIT). */
    int is_socket;
    /** 1 when `fd` is a pipe or FIFO. */
    int is_pipe;
    /**
     * 1 when SIGPIPE is ignored (SIG_IGN): writes to a pipe then skip blocking SIGPIPE around each write(2), which
     * costs two system calls. Opening a pipe output ignores SIGPIPE when its disposition is still the default, as
     * QEMU does at start-up; a handler the program installed is kept, and its writes are masked one by one. A
     * program that later restores the default disposition must open the output again.
     */
    int sigpipe_ignored;
} ste_output;

/**
 * Prepares `fd` for ste_output_write. For a pipe, opens a second, non-blocking file description of the same pipe
 * through /proc/self/fd so that O_NONBLOCK never leaks to other users of the caller's descriptor; when that is
 * impossible (no /proc) the caller's descriptor is used, and each write first polls for room. For a pipe it also
 * sets SIGPIPE's disposition to SIG_IGN if it is still SIG_DFL (process-wide, as QEMU does).
 */
ste_output ste_output_open(int fd);

/** Closes what ste_output_open opened; never closes the caller's descriptor. */
void ste_output_close(ste_output *output);

/**
 * Writes all `length` bytes, retrying on EINTR and partial writes. When the output is full it waits at most
 * `timeout_ms` milliseconds in total for room (0: do not wait). Never raises SIGPIPE.
 * Returns 0 when every byte was written, otherwise a positive errno (EAGAIN when the wait timed out); bytes
 * written before a failure stay written.
 */
int ste_output_write(const ste_output *output, const uint8_t *bytes, size_t length, int timeout_ms);

/**
 * Takes the calling thread's reusable storage out of its slot, leaving the slot empty, or returns NULL when the slot
 * is empty. The storage is an opaque retained object of the Swift runtime (a message buffer).
 */
void *_Nullable ste_thread_scratch_take(void);

/**
 * Puts `storage` into the calling thread's empty slot and returns NULL; when the slot is already full, returns
 * `storage` for the caller to release. `release` releases a storage: it runs at thread exit for what the slot holds.
 */
void *_Nullable ste_thread_scratch_put(void *storage, void (*release)(void *));

#if defined(__clang__)
#pragma clang assume_nonnull end
#endif

#ifdef __cplusplus
}
#endif

#endif /* CTRACE_EVENTS_RUNTIME_H */
