/// The VM run states the engine moves through (QEMU's `RunState`), named as QEMU prints them.
public enum RunState: String, Sendable, CustomStringConvertible {
    /// The guest runs.
    case running = "running"
    /// The guest is paused.
    case paused = "paused"
    /// The source stopped the guest for the final stop-and-copy.
    case finishMigrate = "finish-migrate"
    /// The source after a completed migration.
    case postmigrate = "postmigrate"
    /// The destination waiting for the incoming stream.
    case inmigrate = "inmigrate"
    /// The destination loading a saved stream.
    case restoreVM = "restore-vm"

    /// QEMU's spelling (`RunState_str`).
    public var description: String { rawValue }
}
