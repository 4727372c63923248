import BenchEventsTracepoints
import TraceEvents

/// The benchmark's events, named as in Benchmarks/trace-events.
public enum BenchEvent: String, Sendable, CaseIterable {
    /// Off everywhere: the event-off benchmark.
    case off = "bench_off"
    /// One string, two integers: recorded by LTTng.
    case str2 = "bench_str2"
    /// Ten integers: recorded by LTTng.
    case int10 = "bench_int10"
    /// The stderr benchmark's event.
    case line = "bench_line"
}

/// Whether the benchmark's events are on, so a benchmark can check it measures what it says: an "off" figure
/// taken while some other session records the event would be a lie.
public enum BenchEventStates {
    /// Whether an LTTng session records the event in this process, through the accessor the generated
    /// trace function itself checks.
    public static func isRecordedByLTTng(_ event: BenchEvent) -> Bool {
        switch event {
        case .off: _ste_ste_bench_bench_off_lttng_on() != 0
        case .str2: _ste_ste_bench_bench_str2_lttng_on() != 0
        case .int10: _ste_ste_bench_bench_int10_lttng_on() != 0
        case .line: _ste_ste_bench_bench_line_lttng_on() != 0
        }
    }

    /// Whether the event is on for the runtime's backends (stderr and the others).
    public static func isOnForBackends(_ event: BenchEvent) -> Bool {
        TraceEvents.isEnabled(event.rawValue) ?? false
    }

    /// Whether the event goes anywhere at all.
    public static func isOn(_ event: BenchEvent) -> Bool {
        isRecordedByLTTng(event) || isOnForBackends(event)
    }
}
