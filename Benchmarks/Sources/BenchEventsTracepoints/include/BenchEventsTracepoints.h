/* The benchmark's tracepoints: the header TraceEventsPlugin generates from Benchmarks/trace-events. */
#include "BenchEventsTracepoints_generated.h"
