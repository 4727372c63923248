/// A wall-clock instant (CLOCK_REALTIME, the clock `gettimeofday` reads, as in QEMU's log backend).
///
/// Wall-clock rather than monotonic time so that lines can be matched with other logs; it can jump when the
/// system clock is set.
public struct TraceTimestamp: Sendable, Hashable, Comparable {
    /// Whole seconds since the Unix epoch.
    public var seconds: Int64
    /// Nanoseconds within the second, 0..<1_000_000_000.
    public var nanoseconds: Int32

    /// Creates a timestamp.
    public init(seconds: Int64, nanoseconds: Int32) {
        self.seconds = seconds
        self.nanoseconds = nanoseconds
    }

    /// Microseconds within the second, as QEMU prints them.
    public var microseconds: Int32 { nanoseconds / 1000 }

    /// Orders instants in time.
    public static func < (lhs: TraceTimestamp, rhs: TraceTimestamp) -> Bool {
        (lhs.seconds, lhs.nanoseconds) < (rhs.seconds, rhs.nanoseconds)
    }
}
