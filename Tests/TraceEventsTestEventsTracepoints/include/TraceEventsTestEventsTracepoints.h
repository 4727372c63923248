/* The runtime tests' tracepoints: the generated header (registry accessors) that TraceEventsPlugin writes from
 * Tests/TraceEventsTestEvents/trace-events into this target's generated include/. */
#include "TraceEventsTestEventsTracepoints_generated.h"
