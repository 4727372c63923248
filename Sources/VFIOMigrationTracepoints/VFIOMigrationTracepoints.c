/* SwiftPM needs one checked-in source file in a C target. The provider itself (registry tables, LTTng-UST
 * probes) is VFIOMigrationTracepoints_generated.c, which TraceEventsPlugin writes at build time; this file
 * must not include the generated header, which may not exist yet when it is compiled. */
typedef int vfio_migration_tracepoints_placeholder;
