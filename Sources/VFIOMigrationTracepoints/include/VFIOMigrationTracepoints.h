/* The migration engine's tracepoints: the generated header (registry accessors, LTTng-UST wrappers) that
 * TraceEventsPlugin writes from the package's root trace-events into this target's generated include/. */
#include "VFIOMigrationTracepoints_generated.h"
