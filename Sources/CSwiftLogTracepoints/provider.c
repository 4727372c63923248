/*
 * The swift_log provider's probes, compiled in with the package's LTTng trait (STE_LTTNG) when LTTng-UST's
 * headers are installed; otherwise the functions record nothing. As for the generated providers, the trait
 * reaches C only as a define, so the header's presence is tested too.
 */
#include "CSwiftLogTracepoints.h"

#if defined(STE_LTTNG) && defined(__has_include)
#if __has_include(<lttng/tracepoint.h>)
#define STE_SWIFT_LOG_LTTNG 1
#endif
#endif

#if defined(STE_SWIFT_LOG_LTTNG)
#define LTTNG_UST_TRACEPOINT_CREATE_PROBES
#define LTTNG_UST_TRACEPOINT_DEFINE
#include "swift_log_tp.h"

bool ste_swift_log_is_compiled(void) { return true; }

bool ste_swift_log_enabled(void) {
    return lttng_ust_tracepoint_enabled(swift_log, message);
}

void ste_swift_log_message(
    int32_t level, const char *label, const char *message, const char *metadata, const char *source,
    const char *file, const char *function, uint32_t line) {
    lttng_ust_do_tracepoint(swift_log, message, level, label, message, metadata, source, file, function, line);
}
#else
bool ste_swift_log_is_compiled(void) { return false; }

bool ste_swift_log_enabled(void) { return false; }

void ste_swift_log_message(
    int32_t level, const char *label, const char *message, const char *metadata, const char *source,
    const char *file, const char *function, uint32_t line) {
    (void)level; (void)label; (void)message; (void)metadata; (void)source; (void)file; (void)function; (void)line;
}
#endif
