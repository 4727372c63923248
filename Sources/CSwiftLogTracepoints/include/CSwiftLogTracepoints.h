/*
 * The fixed LTTng-UST provider that swift-log messages are recorded under (TraceEventsLogging's LTTngLogHandler):
 * event `swift_log:message`, the Swift counterpart of LTTng's Python (`lttng_python:event`) and Java agents.
 * Without the package's LTTng trait (or without <lttng/tracepoint.h>) the functions exist and record nothing.
 */
#ifndef CSWIFT_LOG_TRACEPOINTS_H
#define CSWIFT_LOG_TRACEPOINTS_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__clang__)
#pragma clang assume_nonnull begin
#endif

/** Whether the provider was compiled with LTTng-UST probes. */
bool ste_swift_log_is_compiled(void);

/** Whether a session records `swift_log:message` now: the handler renders nothing when none does. */
bool ste_swift_log_enabled(void);

/**
 * Records one message. `level` is swift-log's Logger.Level in its declaration order (trace 0 ... critical 6),
 * recorded as an enumeration; `metadata` is rendered as `key=value` pairs.
 */
void ste_swift_log_message(
    int32_t level, const char *label, const char *message, const char *metadata, const char *source,
    const char *file, const char *function, uint32_t line);

#if defined(__clang__)
#pragma clang assume_nonnull end
#endif

#ifdef __cplusplus
}
#endif

#endif /* CSWIFT_LOG_TRACEPOINTS_H */
