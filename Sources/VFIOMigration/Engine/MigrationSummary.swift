/// What a completed migration did, as the source saw it.
public struct MigrationSummary: Sendable {
    /// The protocol the devices spoke.
    public var protocolVersion: MigrationProtocol
    /// Number of devices migrated.
    public var deviceCount: Int
    /// Bytes of stream sent.
    public var bytesSent: UInt64
    /// Pre-copy iterations run before stop-and-copy.
    public var iterations: Int
    /// Whether the pending bytes dropped below the threshold (rather than hitting the iteration limit).
    public var converged: Bool
    /// Seconds from start to completion.
    public var totalTime: Double
    /// Seconds the VM was stopped before the destination could take over: from the stop until the source sent
    /// its go-ahead after the destination reported every device loaded (for a file, until the stream was written).
    public var downtime: Double
    /// Pages the workload dirtied during the migration.
    public var dirtiedPages: UInt64
    /// The source devices' snapshots when they were stopped.
    public var sourceSnapshots: [DeviceSnapshot]
    /// The destination devices' snapshots from its reply; `nil` without a return path (file).
    public var destinationSnapshots: [DeviceSnapshot]?

    /// The passes the source's own code made over the payload (copies, hashes, stream digest).
    public var payloadPasses: PayloadPasses = PayloadPasses()

    /// Whether the destination reported exactly the source's state; `nil` when it could not report.
    public var destinationMatches: Bool? {
        destinationSnapshots.map { $0 == sourceSnapshots }
    }
}
