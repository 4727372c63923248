/* The USDT benchmark's probe: the header TraceEventsPlugin generates from Sources/BenchUSDTEvents/trace-events. */
#include "BenchUSDTEventsTracepoints_generated.h"
