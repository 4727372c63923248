/// Why a migration, or one side of it, failed. Every case carries a message meant for a person.
public enum MigrationError: Error, Equatable, CustomStringConvertible {
    /// The stream ended before it was complete.
    case truncatedStream(String)
    /// The stream holds something the loader does not accept (bad magic, unknown tag, wrong end flag, ...).
    case malformedStream(String)
    /// The stream names a section (device) the destination does not have.
    case unknownSection(String)
    /// A device refused or failed an operation.
    case deviceFailed(device: String, reason: String)
    /// The connection or file failed.
    case transportFailed(String)
    /// A wait ran past its timeout.
    case timedOut(String)
    /// The two sides or the options do not fit together.
    case invalidConfiguration(String)
    /// The destination reported that it could not load the state.
    case destinationFailed(String)
    /// The migration was cancelled on request.
    case cancelled(String)

    /// A one-line explanation.
    public var description: String {
        switch self {
        case .truncatedStream(let why): "truncated migration stream: \(why)"
        case .malformedStream(let why): "malformed migration stream: \(why)"
        case .unknownSection(let why): "unknown section: \(why)"
        case .deviceFailed(let device, let why): "device \(device): \(why)"
        case .transportFailed(let why): "transport: \(why)"
        case .timedOut(let why): "timed out: \(why)"
        case .invalidConfiguration(let why): "invalid configuration: \(why)"
        case .destinationFailed(let why): "destination failed: \(why)"
        case .cancelled(let why): "cancelled: \(why)"
        }
    }
}
