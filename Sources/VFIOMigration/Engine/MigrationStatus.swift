/// The status of a migration (QEMU's `MigrationStatus`), as the migration state notifier reports it.
public enum MigrationStatus: String, Sendable, CustomStringConvertible {
    /// No migration.
    case none = "none"
    /// Save setup.
    case setup = "setup"
    /// Iterating.
    case active = "active"
    /// Stopped, sending the final device state.
    case device = "device"
    /// Done.
    case completed = "completed"
    /// Failed; devices go back to RUNNING.
    case failed = "failed"
    /// Cancelled; devices go back to RUNNING.
    case cancelled = "cancelled"

    /// QEMU's spelling (`MigrationStatus_str`).
    public var description: String { rawValue }
}
