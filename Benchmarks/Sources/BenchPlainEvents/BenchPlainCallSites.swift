import BenchPlainEventsTracepoints
import TraceEvents

/// The Swift side of the trait-off comparison: a loop over the generated `trace_bench_plain_off`, compiled with
/// neither LTTng nor USDT (the runtime's state alone in its check), shaped as ``BenchUSDTCallSites``' loop.
public enum BenchPlainCallSites {
    /// `count` calls of `trace_bench_plain_off`, whose event is off.
    public static func off(name: String, offset: UInt64, size: UInt32, count: UInt64) {
        for index in 0..<count {
            trace_bench_plain_off(name, offset &+ index, size)
        }
    }

    /// Whether the runtime's backends receive the event: an "off" figure taken while it is on would be a lie.
    public static var isOn: Bool { TraceEvents.isEnabled("bench_plain_off") ?? false }
}
