import Logging
import TraceEvents

/// A trace backend that forwards every event to a swift-log `Logger`: the event's printf message as the message,
/// its name and each argument as structured metadata.
///
/// A record logs as `logger.log(level:_:metadata:source:file:function:line:)` with the group's name as the source
/// and the event's trace-events file and line as the location, so a log line points at the event's definition.
/// Metadata: `trace_event` is the event's name; each argument is keyed by its declared name, strings as
/// `.string` (a NULL string as `(null)`, as C printf prints it), integers and booleans as `.stringConvertible`,
/// pointers as `0x...` text (NULL as `(nil)`). The level is chosen per event or per group (see ``levels``).
public struct LoggerTraceBackend: TraceBackend {
    /// The logger events go to; its own level still applies.
    public var logger: Logger
    /// The level of events that ``levels`` does not name.
    public var defaultLevel: Logger.Level
    /// Levels by event name or group name; an event's own entry wins over its group's.
    public var levels: [String: Logger.Level]

    /// Creates a backend logging to `logger`.
    public init(logger: Logger, defaultLevel: Logger.Level = .debug, levels: [String: Logger.Level] = [:]) {
        self.logger = logger
        self.defaultLevel = defaultLevel
        self.levels = levels
    }

    /// The level an event logs at.
    public func level(for event: TraceEvent) -> Logger.Level {
        if levels.isEmpty { return defaultLevel }
        if let level = levels[event.name] { return level }
        if let group = event.group?.name, let level = levels[group] { return level }
        return defaultLevel
    }

    /// Logs the event, unless the logger's level is above the event's (then nothing is built).
    public func record(_ record: TraceRecord) {
        let level = level(for: record.event)
        guard logger.logLevel <= level else { return }
        let group = record.event.group
        logger.log(
            level: level, Logger.Message(stringLiteral: String(decoding: record.message.bytes, as: UTF8.self)),
            metadata: Self.metadata(for: record), source: group?.name ?? "trace-events",
            file: group?.file ?? "trace-events", function: record.event.name, line: UInt(record.event.line))
    }

    /// The metadata a record logs with.
    public static func metadata(for record: TraceRecord) -> Logger.Metadata {
        var metadata: Logger.Metadata = ["trace_event": .string(record.event.name)]
        for (declaration, value) in zip(record.event.arguments, record.arguments) {
            metadata[declaration.name] = metadataValue(value)
        }
        return metadata
    }

    private static func metadataValue(_ value: TraceValue) -> Logger.MetadataValue {
        switch value {
        case .string(let text): .string(text ?? "(null)")
        case .signed(let number): .stringConvertible(number)
        case .unsigned(let number): .stringConvertible(number)
        case .pointer(let address): .string(address == 0 ? "(nil)" : "0x" + String(address, radix: 16))
        case .bool(let flag): .stringConvertible(flag)
        case .floating(let number): .stringConvertible(number)
        }
    }
}
