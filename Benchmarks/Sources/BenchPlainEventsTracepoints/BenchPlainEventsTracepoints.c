/* SwiftPM needs one checked-in source file; TraceEventsPlugin generates the registration from trace-events. */
typedef int ste_bench_plain_tracepoints_placeholder;
