/* Instantiates the baseline provider's probes and tracepoint definitions in this one translation unit. */
#define LTTNG_UST_TRACEPOINT_CREATE_PROBES
#define LTTNG_UST_TRACEPOINT_DEFINE
#include "ste_bench_c_tp.h"
