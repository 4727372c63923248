// Fires every fixture event once with edge values of every argument kind: the end-to-end tests read them
// back from an LTTng trace (or stderr) and compare field by field.
//
//   TraceFixture                      fire every event once, print "fired"
//   TraceFixture --repeat MS          then keep firing for MS milliseconds (the session daemon test kills
//                                     the daemon meanwhile), print "repeated N"
//   TraceFixture --lttng-help         print how to record the events with LTTng
//   TraceFixture --trace OPTION ...   first pass a trace option (QEMU's -trace: patterns, file=FILE for the
//                                     simple backend) to TraceEvents.bootstrap; repeatable
//
// TRACE_EVENTS=PATTERNS turns events on for the stderr backend (TraceEvents.bootstrap).

import Foundation
import TraceEvents

var arguments = CommandLine.arguments.dropFirst()
var configuration = TraceEventsConfiguration()
while arguments.first == "--trace", let option = arguments.dropFirst().first {
    configuration.patterns.append(option)
    arguments = arguments.dropFirst(2)
}
if arguments.first == "--lttng-help" {
    print(LTTngHelp.text(program: "TraceFixture"), terminator: "")
    exit(0)
}

TraceEvents.bootstrapReporting(configuration)

let marker = UnsafeRawPointer(bitPattern: 0xdead_beef)

trace_fixture_strings("hello", "", nil, "Grüße, 世界")
trace_fixture_signed(.min, .min, .min, .min)
trace_fixture_signed(.max, .max, .max, .max)
trace_fixture_unsigned(.min, .min, .min, .min)
trace_fixture_unsigned(.max, .max, .max, .max)
trace_fixture_c_types(.min, .min, .min, .min, .min, .min, .min, .min, .min)
trace_fixture_c_types(.max, .max, .max, .max, .max, .max, .max, .max, .max)
trace_fixture_pointer_bool(marker, nil, true, false)
trace_fixture_keywords(-1, 2, 3, 4)
trace_fixture_no_arguments()
trace_fixture_no_format(42)
trace_fixture_disabled(7)
print("fired")

if arguments.first == "--repeat", let milliseconds = arguments.dropFirst().first.flatMap(Int.init) {
    let end = ContinuousClock.now + .milliseconds(milliseconds)
    var count: Int32 = 0
    while ContinuousClock.now < end {
        trace_fixture_no_format(count)
        trace_fixture_strings("repeat", "", nil, "")
        count += 1
        usleep(1000)
    }
    print("repeated \(count)")
}
