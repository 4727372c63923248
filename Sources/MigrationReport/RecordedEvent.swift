/// One trace event as a recording (an LTTng trace or a stderr log) holds it.
public struct RecordedEvent: Sendable, Hashable {
    /// The event's name without its provider (`vfio_save_setup`).
    public var name: String
    /// Nanoseconds since the Unix epoch (LTTng's clock origin and the stderr log's wall clock agree on it).
    public var time: Int64
    /// The process that emitted it.
    public var origin: EventOrigin
    /// The event's arguments by their declared names.
    public var fields: [String: FieldValue]
    /// The event's message as QEMU's log backend prints it (`NAME MESSAGE` without the name).
    public var message: String

    /// Creates an event.
    public init(name: String, time: Int64, origin: EventOrigin, fields: [String: FieldValue], message: String) {
        self.name = name
        self.time = time
        self.origin = origin
        self.fields = fields
        self.message = message
    }

    /// The string argument `name`, or nil.
    public func string(_ name: String) -> String? {
        if case .string(let value) = fields[name] { return value }
        return nil
    }

    /// The integer argument `name` (an unsigned one above `Int64.max` clamps), or nil.
    public func integer(_ name: String) -> Int64? {
        switch fields[name] {
        case .signed(let value): value
        case .unsigned(let value): Int64(clamping: value)
        default: nil
        }
    }

    /// The unsigned argument `name`, or nil.
    public func unsigned(_ name: String) -> UInt64? {
        switch fields[name] {
        case .unsigned(let value): value
        case .signed(let value): value >= 0 ? UInt64(value) : nil
        default: nil
        }
    }
}

/// An argument's value.
public enum FieldValue: Sendable, Hashable, CustomStringConvertible {
    /// A signed integer.
    case signed(Int64)
    /// An unsigned integer.
    case unsigned(UInt64)
    /// A string.
    case string(String)

    /// The value as printed in a message's default form.
    public var description: String {
        switch self {
        case .signed(let value): String(value)
        case .unsigned(let value): String(value)
        case .string(let value): value
        }
    }
}

/// Which process, on which host, emitted an event.
public struct EventOrigin: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The host's name (LTTng records it; a stderr log names it by its file).
    public var host: String
    /// The process (LTTng's vpid) or thread (the stderr log's TID) id; 0 when the recording does not say.
    public var process: Int64

    /// Creates an origin.
    public init(host: String, process: Int64) {
        self.host = host
        self.process = process
    }

    /// Orders origins by host, then process.
    public static func < (lhs: EventOrigin, rhs: EventOrigin) -> Bool {
        (lhs.host, lhs.process) < (rhs.host, rhs.process)
    }

    /// `host pid N`.
    public var description: String { process == 0 ? host : "\(host) pid \(process)" }
}
