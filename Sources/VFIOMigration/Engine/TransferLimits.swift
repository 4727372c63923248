/// Bounds on how long the destination waits for a whole stream, beyond the per-receive timeout: a peer that
/// trickles bytes just fast enough to beat that timeout is still cut off.
public struct TransferLimits: Sendable, Equatable {
    /// The longest the whole stream may take to arrive, in seconds.
    public var timeout: Double
    /// The slowest average rate accepted after the grace period, in bytes per second.
    public var minimumRate: Double
    /// Seconds from the start of the stream before the minimum rate applies.
    public var grace: Double

    /// Creates limits; the defaults allow ten minutes and at least 1 MiB/s after the first ten seconds.
    public init(timeout: Double = 600, minimumRate: Double = 1_048_576, grace: Double = 10) {
        self.timeout = timeout
        self.minimumRate = minimumRate
        self.grace = grace
    }

    /// Refuses limits that cannot work.
    public func validate() throws {
        guard timeout > 0, timeout.isFinite else { throw MigrationError.invalidConfiguration("transfer timeout must be > 0") }
        guard minimumRate >= 0, minimumRate.isFinite else {
            throw MigrationError.invalidConfiguration("minimum rate must be a finite number >= 0")
        }
        guard grace >= 0, grace.isFinite else { throw MigrationError.invalidConfiguration("grace must be >= 0") }
    }

    /// Throws when `received` bytes `elapsed` seconds after the start break the limits.
    func check(received: UInt64, elapsed: Double) throws {
        if elapsed > timeout {
            throw MigrationError.timedOut("the stream did not arrive within the transfer timeout of \(timeout) s")
        }
        let owed = minimumRate * (elapsed - grace)
        if owed > 0 && Double(received) < owed {
            throw MigrationError.timedOut(
                "the stream arrives too slowly: \(received) bytes in \(Int(elapsed)) s, below the minimum rate of "
                    + "\(Int(minimumRate)) bytes/s after \(grace) s")
        }
    }
}
