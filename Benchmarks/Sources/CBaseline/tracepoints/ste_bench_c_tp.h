/*
 * The C baseline's LTTng-UST provider, written by hand the way a C program (QEMU's ust backend) declares
 * its tracepoints. Its events carry the same arguments as the Swift events in
 * Sources/BenchEvents/trace-events, so a Swift event and its C twin record the same payload.
 * Integers are ctf_integer and strings ctf_string, as QEMU's tracetool writes them.
 */
#undef LTTNG_UST_TRACEPOINT_PROVIDER
#define LTTNG_UST_TRACEPOINT_PROVIDER ste_bench_c

#undef LTTNG_UST_TRACEPOINT_INCLUDE
#define LTTNG_UST_TRACEPOINT_INCLUDE "ste_bench_c_tp.h"

#if !defined(STE_BENCH_C_TP_H) || defined(LTTNG_UST_TRACEPOINT_HEADER_MULTI_READ)
#define STE_BENCH_C_TP_H

#include <lttng/tracepoint.h>
#include <stdint.h>

/* Never enabled anywhere: the cost of a call site whose event is off. */
LTTNG_UST_TRACEPOINT_EVENT(ste_bench_c, bench_off,
    LTTNG_UST_TP_ARGS(const char *, name, uint64_t, offset, uint32_t, size),
    LTTNG_UST_TP_FIELDS(
        lttng_ust_field_string(name, name)
        lttng_ust_field_integer(uint64_t, offset, offset)
        lttng_ust_field_integer(uint32_t, size, size)
    )
)

/* Enabled in the benchmark's session: one string and two integers. */
LTTNG_UST_TRACEPOINT_EVENT(ste_bench_c, bench_str2,
    LTTNG_UST_TP_ARGS(const char *, name, uint64_t, offset, uint32_t, size),
    LTTNG_UST_TP_FIELDS(
        lttng_ust_field_string(name, name)
        lttng_ust_field_integer(uint64_t, offset, offset)
        lttng_ust_field_integer(uint32_t, size, size)
    )
)

/* Enabled in the benchmark's session: ten integers, QEMU's maximum argument count. */
LTTNG_UST_TRACEPOINT_EVENT(ste_bench_c, bench_int10,
    LTTNG_UST_TP_ARGS(uint64_t, a0, uint64_t, a1, uint64_t, a2, uint64_t, a3, uint64_t, a4,
                      uint64_t, a5, uint64_t, a6, uint64_t, a7, uint64_t, a8, uint64_t, a9),
    LTTNG_UST_TP_FIELDS(
        lttng_ust_field_integer(uint64_t, a0, a0)
        lttng_ust_field_integer(uint64_t, a1, a1)
        lttng_ust_field_integer(uint64_t, a2, a2)
        lttng_ust_field_integer(uint64_t, a3, a3)
        lttng_ust_field_integer(uint64_t, a4, a4)
        lttng_ust_field_integer(uint64_t, a5, a5)
        lttng_ust_field_integer(uint64_t, a6, a6)
        lttng_ust_field_integer(uint64_t, a7, a7)
        lttng_ust_field_integer(uint64_t, a8, a8)
        lttng_ust_field_integer(uint64_t, a9, a9)
    )
)

#endif /* STE_BENCH_C_TP_H */

#include <lttng/tracepoint-event.h>
