/// One migration as its trace shows it: the source's phases and iterations, the destination's load, each device's
/// states on each side, and what went wrong. Times are nanoseconds since the Unix epoch.
public struct MigrationTimeline: Sendable {
    /// How the migration ended.
    public enum Outcome: Sendable, Hashable, CustomStringConvertible {
        /// `migration_complete` was traced.
        case completed
        /// `migration_failed` was traced, in `phase`.
        case failed(phase: String, error: String)
        /// The trace ends before either.
        case unfinished

        /// `completed`, `failed in PHASE: ERROR`, `unfinished`.
        public var description: String {
            switch self {
            case .completed: "completed"
            case .failed(let phase, let error): "failed in \(phase): \(error)"
            case .unfinished: "unfinished (the trace ends first)"
            }
        }
    }

    /// A stretch of time with a name.
    public struct Span: Sendable, Hashable {
        /// The phase (`setup`, `stop-and-copy`, the destination's `load`, ...).
        public var name: String
        /// When it began.
        public var start: Int64
        /// When it ended.
        public var end: Int64
        /// Its length in nanoseconds.
        public var duration: Int64 { end - start }
    }

    /// One pre-copy iteration of the source.
    public struct Iteration: Sendable, Hashable {
        /// 1-based, as `migration_iteration` numbers it.
        public var number: Int
        /// Bytes of stream it sent.
        public var bytes: UInt64
        /// Bytes pending when it began (the estimate or exact figure of the `migration_pending` before it).
        public var pendingBefore: UInt64
        /// From the pending check before it to its last byte.
        public var start: Int64
        /// When its bytes were out.
        public var end: Int64
        /// The `migration_iteration` message, for hovering.
        public var message: String
    }

    /// A device's state over an interval on one side.
    public struct StateInterval: Sendable, Hashable {
        /// The state's name: a v2 state (`PRE_COPY`) or a v1 bit set (`pre-copy`).
        public var state: String
        /// When the device entered it (the window's start for the state it had when the trace begins).
        public var start: Int64
        /// When it left it (the window's end for the last).
        public var end: Int64
        /// The message of the event that entered it, for hovering.
        public var message: String
    }

    /// One device on one side.
    public struct DeviceLane: Sendable, Hashable {
        /// The device (`0000:00:02.0`).
        public var device: String
        /// Which process holds it.
        public var origin: EventOrigin
        /// `source` or `destination`.
        public var side: String
        /// Its states in order.
        public var states: [StateInterval]
    }

    /// Something a migration engineer should look at.
    public struct Anomaly: Sendable, Hashable, CustomStringConvertible {
        /// When (nil for something missing).
        public var time: Int64?
        /// Where.
        public var origin: EventOrigin
        /// What.
        public var text: String
        /// The text with where it happened.
        public var description: String { "\(origin): \(text)" }
    }

    /// The source process.
    public var source: EventOrigin
    /// The destination process, when the trace holds it.
    public var destination: EventOrigin?
    /// VFIO migration protocol version (1 or 2).
    public var protocolVersion: Int
    /// Devices the source migrated.
    public var deviceCount: Int
    /// The source's downtime limit in nanoseconds.
    public var downtimeLimit: Int64
    /// How it ended.
    public var outcome: Outcome
    /// `migration_start`.
    public var start: Int64
    /// `migration_complete` or `migration_failed`, or the last event.
    public var end: Int64
    /// The source's phases in order.
    public var phases: [Span]
    /// The destination's phases in order.
    public var destinationPhases: [Span]
    /// The pre-copy iterations.
    public var iterations: [Iteration]
    /// Bytes of stream the source sent (`migration_complete`, or the last iteration's total).
    public var bytesSent: UInt64
    /// Bytes sent after the last iteration: the stop-and-copy and the config.
    public var finalBytes: UInt64
    /// From the VM's stop to the end of the downtime window as the source traced it (`migration_downtime`).
    public var downtimeWindow: Span?
    /// The downtime the engine measured itself (`migration_downtime`), in nanoseconds.
    public var engineDowntime: Int64?
    /// The total the engine measured itself (`migration_complete`), in nanoseconds.
    public var engineTotal: Int64?
    /// Every device on both sides.
    public var lanes: [DeviceLane]
    /// Failed transitions, cancels, steps of QEMU's flow that are missing.
    public var anomalies: [Anomaly]
    /// Every event of both sides in time order, for the pictures.
    public var events: [RecordedEvent]

    /// From `migration_start` to the switchover's end (the close of the downtime window, where the engine stops
    /// its clock), or to the end when there was none, in nanoseconds.
    public var totalTime: Int64 { (downtimeWindow?.end ?? end) - start }

    /// The downtime as the trace's timestamps show it.
    public var downtime: Int64? { downtimeWindow?.duration }

    /// The source's span named `name`.
    public func phase(_ name: String) -> Span? { phases.first { $0.name == name } }

    /// The destination's span named `name`.
    public func destinationPhase(_ name: String) -> Span? { destinationPhases.first { $0.name == name } }
}
