import BenchUSDTEventsTracepoints
import TraceEvents

/// The Swift side of the USDT comparison: a loop over the generated `trace_bench_usdt_off`, compiled with the USDT
/// backend (its semaphore in the combined check) and without LTTng, shaped as ``BenchCallSites``' loops.
public enum BenchUSDTCallSites {
    /// `count` calls of `trace_bench_usdt_off`, whose probe no tool is attached to and whose event is off.
    public static func off(name: String, offset: UInt64, size: UInt32, count: UInt64) {
        for index in 0..<count {
            trace_bench_usdt_off(name, offset &+ index, size)
        }
    }

    /// Whether a tool holds the probe's semaphore or the runtime's backends receive the event: an "off" figure
    /// taken while either is on would be a lie.
    public static var isOn: Bool {
        _ste_ste_bench_usdt_bench_usdt_off_usdt_on() != 0 || (TraceEvents.isEnabled("bench_usdt_off") ?? false)
    }
}
