/* SwiftPM needs one checked-in source file; TraceEventsPlugin generates the provider from trace-events. */
typedef int ste_bench_usdt_tracepoints_placeholder;
