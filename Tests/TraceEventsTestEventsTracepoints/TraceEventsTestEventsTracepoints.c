/* SwiftPM needs one checked-in source file in a C target. The provider of the runtime tests' events is
 * TraceEventsTestEventsTracepoints_generated.c, which TraceEventsPlugin writes at build time from trace-events
 * (a link to Tests/TraceEventsTestEvents/trace-events); this file must not include the generated header, which
 * may not exist yet when it is compiled. */
typedef int trace_events_test_events_tracepoints_placeholder;
