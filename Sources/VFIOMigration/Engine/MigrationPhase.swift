/// The phases of the source side of a migration, in order.
public enum MigrationPhase: String, Sendable, CaseIterable, CustomStringConvertible {
    /// Writing the stream header and each device's setup section.
    case setup
    /// Iterating: sending device data while the VM runs.
    case iterate
    /// The VM is stopped; sending each device's remaining state (downtime starts).
    case stopAndCopy = "stop-and-copy"
    /// Sending each device's config state and the end of the stream.
    case deviceConfig = "device-config"
    /// Waiting for the destination's reply.
    case awaitingReply = "awaiting-reply"
    /// Done.
    case completed

    /// The phase's name in traces and messages.
    public var description: String { rawValue }
}
