import CTraceEvents

/// The properties of an event that the runtime acts on (QEMU's `disable` and friends).
public struct TraceEventProperties: OptionSet, Sendable, Hashable {
    /// The raw `STE_EVENT_*` bits of the C registry.
    public let rawValue: UInt32

    /// Creates properties from `STE_EVENT_*` bits.
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// QEMU's `disable` property: the event is compiled out and can never be turned on.
    public static let disabled = TraceEventProperties(rawValue: STE_EVENT_DISABLED)
}
