/// One event that fired, as every backend receives it.
///
/// The time and thread are taken once per event, so all backends agree on them.
public struct TraceRecord: Sendable {
    /// The event that fired.
    public var event: TraceEvent
    /// Its arguments, in declaration order; empty when no installed backend reads them
    /// (``TraceBackend/needsArguments``).
    public var arguments: [TraceValue]
    /// The event's format rendered with its arguments, byte for byte as C printf renders it; empty when no
    /// installed backend reads it (``TraceBackend/needsMessage``).
    public var message: PrintfBuffer
    /// When it fired (wall clock).
    public var timestamp: TraceTimestamp
    /// The kernel id of the thread it fired on (gettid).
    public var threadID: Int32

    /// Creates a record; the runtime does this once per event.
    public init(
        event: TraceEvent, arguments: [TraceValue], message: PrintfBuffer, timestamp: TraceTimestamp, threadID: Int32
    ) {
        self.event = event
        self.arguments = arguments
        self.message = message
        self.timestamp = timestamp
        self.threadID = threadID
    }
}
