/*
 * The tracepoint definition of `swift_log:message`, read only by provider.c (LTTng-UST's multi-read header).
 */
#undef LTTNG_UST_TRACEPOINT_PROVIDER
#define LTTNG_UST_TRACEPOINT_PROVIDER swift_log

#undef LTTNG_UST_TRACEPOINT_INCLUDE
#define LTTNG_UST_TRACEPOINT_INCLUDE "swift_log_tp.h"

#if !defined(STE_SWIFT_LOG_TP_H) || defined(LTTNG_UST_TRACEPOINT_HEADER_MULTI_READ)
#define STE_SWIFT_LOG_TP_H

#include <lttng/tracepoint.h>
#include <stdint.h>

/* swift-log's Logger.Level, in its order. */
LTTNG_UST_TRACEPOINT_ENUM(swift_log, level,
    LTTNG_UST_TP_ENUM_VALUES(
        lttng_ust_field_enum_value("trace", 0)
        lttng_ust_field_enum_value("debug", 1)
        lttng_ust_field_enum_value("info", 2)
        lttng_ust_field_enum_value("notice", 3)
        lttng_ust_field_enum_value("warning", 4)
        lttng_ust_field_enum_value("error", 5)
        lttng_ust_field_enum_value("critical", 6)
    )
)

LTTNG_UST_TRACEPOINT_EVENT(swift_log, message,
    LTTNG_UST_TP_ARGS(int32_t, level, const char *, label, const char *, message, const char *, metadata,
                      const char *, source, const char *, file, const char *, function, uint32_t, line),
    LTTNG_UST_TP_FIELDS(
        lttng_ust_field_enum(swift_log, level, int32_t, level, level)
        lttng_ust_field_string(label, label)
        lttng_ust_field_string(message, message)
        lttng_ust_field_string(metadata, metadata)
        lttng_ust_field_string(source, source)
        lttng_ust_field_string(file, file)
        lttng_ust_field_string(function, function)
        lttng_ust_field_integer(uint32_t, line, line)
    )
)

#endif /* STE_SWIFT_LOG_TP_H */

#include <lttng/tracepoint-event.h>
