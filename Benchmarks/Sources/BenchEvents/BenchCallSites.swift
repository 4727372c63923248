import BenchEventsTracepoints

/// The Swift side of every comparison: loops over the generated `trace_*` functions, as a Swift program
/// calls them. Arguments vary with the loop index, as in the C baseline's loops.
public enum BenchCallSites {
    /// `count` calls of `trace_bench_off`, an event that is off everywhere.
    public static func off(name: String, offset: UInt64, size: UInt32, count: UInt64) {
        for index in 0..<count {
            trace_bench_off(name, offset &+ index, size)
        }
    }

    /// `count` events `bench_str2` (one string, two integers).
    public static func str2(name: String, offset: UInt64, size: UInt32, count: UInt64) {
        for index in 0..<count {
            trace_bench_str2(name, offset &+ index, size)
        }
    }

    /// `count` events `bench_int10` (ten integers, `base + i` .. `base + i + 9`).
    public static func int10(base: UInt64, count: UInt64) {
        for index in 0..<count {
            let b = base &+ index
            trace_bench_int10(b, b &+ 1, b &+ 2, b &+ 3, b &+ 4, b &+ 5, b &+ 6, b &+ 7, b &+ 8, b &+ 9)
        }
    }

    /// `count` events `bench_line` (the stderr benchmark's event).
    public static func line(name: String, offset: UInt64, size: UInt32, count: UInt64) {
        for index in 0..<count {
            trace_bench_line(name, offset &+ index, size)
        }
    }
}
