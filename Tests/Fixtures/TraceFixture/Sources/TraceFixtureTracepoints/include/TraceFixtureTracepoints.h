/* The fixture's tracepoints: the header TraceEventsPlugin generates from ../../trace-events. */
#include "TraceFixtureTracepoints_generated.h"
