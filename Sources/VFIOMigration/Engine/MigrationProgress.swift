/// A progress report from the source, delivered after every step of the migration.
public struct MigrationProgress: Sendable {
    /// The current phase.
    public var phase: MigrationPhase
    /// Iterations completed.
    public var iteration: Int
    /// Bytes of stream written.
    public var bytesSent: UInt64
    /// Bytes the devices still have to send, as last estimated.
    public var pendingBytes: UInt64
    /// Seconds since the migration started.
    public var elapsed: Double
}
