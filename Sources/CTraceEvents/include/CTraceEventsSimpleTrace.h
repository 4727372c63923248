/*
 * The file writer of the runtime's QEMU "simple" backend (SimpleTraceBackend.swift): QEMU's simple trace format,
 * version 4, as QEMU's trace/simple.c writes it and scripts/simpletrace.py reads it.
 *
 * Callers append whole records to a memory buffer under a mutex held only for a copy; one writer thread per file
 * moves the buffer to the file, adding a name-mapping record before the first record of each event. A full
 * buffer drops the record and counts it (a "dropped" record tells the reader how many went missing). A failed
 * write (ENOSPC, EIO) truncates the file back to its last whole record, so the file always decodes.
 * It lives in C because the writer thread waits on condition variables, which Swift cannot name portably.
 */
#ifndef CTRACE_EVENTS_SIMPLE_TRACE_H
#define CTRACE_EVENTS_SIMPLE_TRACE_H

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

struct ste_event;

/** One open simple trace file and its writer thread. */
typedef struct ste_simple_trace ste_simple_trace;

/** Longest string argument the format keeps, in bytes (QEMU's MAX_TRACE_STRLEN); longer ones are cut. */
#define STE_SIMPLE_MAX_STRING 512u

/**
 * Creates (or truncates) `path`, writes the header and starts the writer thread. `buffer_size` bytes of records
 * wait in memory at most (twice that is allocated: one half fills while the other is written).
 * Returns NULL with `*error` set to an errno when the file cannot be opened or the thread cannot start.
 */
ste_simple_trace *_Nullable ste_simple_trace_open(const char *path, size_t buffer_size, int *error);

/**
 * Appends one event record stamped now (CLOCK_MONOTONIC nanoseconds) with the process id; `payload` is the
 * event's arguments already encoded. Never waits for the disk.
 * Returns 1 when the record was appended, 0 when it was dropped because the buffer was full.
 */
int ste_simple_trace_record(
    ste_simple_trace *trace, const struct ste_event *event, const uint8_t *_Nullable payload, uint32_t payload_length);

/**
 * Waits until every record appended before the call is in the file (or was lost to a failed write), for at most
 * `timeout_ms` milliseconds. Returns 0, or ETIMEDOUT.
 */
int ste_simple_trace_flush(ste_simple_trace *trace, int timeout_ms);

/** Flushes, stops the writer thread, closes the file and frees `trace`. */
void ste_simple_trace_close(ste_simple_trace *trace);

/** Event records lost so far: dropped because the buffer was full, or written while the disk failed. */
uint64_t ste_simple_trace_dropped_count(const ste_simple_trace *trace);

/** The errno of the most recent failed write, or 0. */
int ste_simple_trace_last_error(const ste_simple_trace *trace);

/** Bytes of whole records in the file so far, header included. */
uint64_t ste_simple_trace_file_size(const ste_simple_trace *trace);

#if defined(__clang__)
#pragma clang assume_nonnull end
#endif

#ifdef __cplusplus
}
#endif

#endif /* CTRACE_EVENTS_SIMPLE_TRACE_H */
