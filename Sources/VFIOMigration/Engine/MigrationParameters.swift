/// How the source drives a migration: QEMU's `max-bandwidth` and `downtime-limit`, plus the engine's bounds.
public struct MigrationParameters: Sendable {
    /// The bandwidth limit in bytes per second; also the engine's estimate of the link's speed.
    public var bandwidth: UInt64
    /// The longest acceptable stop-and-copy, in seconds.
    public var downtimeLimit: Double
    /// Iterations after which the source stops and copies even if it has not converged.
    public var maxIterations: Int
    /// The longest any single wait (connect, accept, send, receive, reply) may take, in seconds.
    public var ioTimeout: Double

    /// Creates parameters; the defaults are QEMU's (128 MiB/s, 300 ms) with a 10 s I/O timeout.
    public init(
        bandwidth: UInt64 = 128 << 20, downtimeLimit: Double = 0.3, maxIterations: Int = 30, ioTimeout: Double = 10
    ) {
        self.bandwidth = bandwidth
        self.downtimeLimit = downtimeLimit
        self.maxIterations = maxIterations
        self.ioTimeout = ioTimeout
    }

    /// Pending bytes below which the source stops and copies: bandwidth × downtime limit.
    public var threshold: UInt64 { UInt64(Double(bandwidth) * downtimeLimit) }

    /// Refuses parameters that cannot work.
    public func validate() throws {
        guard bandwidth > 0 else { throw MigrationError.invalidConfiguration("bandwidth must be > 0") }
        guard downtimeLimit > 0, downtimeLimit.isFinite else {
            throw MigrationError.invalidConfiguration("downtime limit must be > 0")
        }
        guard maxIterations >= 0 else { throw MigrationError.invalidConfiguration("max iterations must be >= 0") }
        guard ioTimeout > 0, ioTimeout.isFinite else {
            throw MigrationError.invalidConfiguration("I/O timeout must be > 0")
        }
    }
}
