/* The trait-off benchmark's event: the header TraceEventsPlugin generates from Sources/BenchPlainEvents/trace-events. */
#include "BenchPlainEventsTracepoints_generated.h"
