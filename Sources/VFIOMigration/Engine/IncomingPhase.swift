/// The phases of the destination side of a migration, in order.
public enum IncomingPhase: String, Sendable, CaseIterable, CustomStringConvertible {
    /// Reading the stream's magic and version.
    case header
    /// Each device's `.load_setup`: into RESUMING.
    case setup
    /// Loading every section, then checking the stream trailer.
    case load
    /// Each device's `.load_cleanup`, where a device validates the state it loaded.
    case cleanup
    /// The reply is sent; waiting for the source's go-ahead.
    case awaitingGoAhead = "await-go-ahead"
    /// Starting the VM.
    case start

    /// The phase's name in traces and messages.
    public var description: String { rawValue }
}
