import CTraceEvents
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One event of the program, as its generated provider registered it.
///
/// A thin handle on the C registry entry: reading a property reads static data the provider owns for the
/// whole life of the process, so a `TraceEvent` is cheap to pass to backends and safe to keep.
public struct TraceEvent: @unchecked Sendable, Hashable, CustomStringConvertible {
    // @unchecked: the entry is immutable static data except `state`, which is only accessed atomically.

    /// The C registry entry.
    public let entry: UnsafePointer<ste_event>

    /// Wraps a registry entry (generated providers and
    /// ``TraceEvents/registerGroup(name:provider:file:events:)`` create them).
    public init(_ entry: UnsafePointer<ste_event>) {
        self.entry = entry
    }

    /// The event's name, as in the trace-events file.
    public var name: String { registryString(entry.pointee.name) }

    /// The event's name as bytes, without copying; valid for the life of the process.
    var nameBytes: UnsafeBufferPointer<UInt8> {
        guard let name = entry.pointee.name else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(
            start: UnsafeRawPointer(name).assumingMemoryBound(to: UInt8.self), count: Int(strlen(name)))
    }

    /// The format as C printf sees it (pieces joined, `PRI*` macros expanded); empty when absent.
    public var format: String { registryString(entry.pointee.format) }

    /// The format as written in the file, quotes and macros included; empty when absent.
    public var formatSource: String { registryString(entry.pointee.format_source) }

    /// The declared arguments, in order.
    public var arguments: [TraceEventArgument] {
        let event = entry.pointee
        guard let types = event.argument_types, let names = event.argument_names else { return [] }
        return (0..<Int(event.argument_count)).map {
            TraceEventArgument(type: registryString(types[$0]), name: registryString(names[$0]))
        }
    }

    /// The 1-based line of the event in its trace-events file.
    public var line: Int { Int(entry.pointee.line) }

    /// The `# file.c` comment the event stands under in its trace-events file, or nil.
    public var sourceFile: String? {
        let text = registryString(entry.pointee.source_file)
        return text.isEmpty ? nil : text
    }

    /// The event's properties.
    public var properties: TraceEventProperties { TraceEventProperties(rawValue: entry.pointee.flags) }

    /// Whether the event can ever be turned on (it lacks the `disable` property).
    public var isTraceable: Bool { !properties.contains(.disabled) }

    /// Whether the Swift backends currently receive this event (its dynamic state).
    public var isEnabled: Bool { ste_state_is_on(entry.pointee.state) }

    /// The group (trace-events file) the event belongs to, or nil if its provider never registered it.
    public var group: TraceEventGroup? { TraceEventRegistry.shared.group(of: self) }

    /// The event's id: its index in ``TraceEvents/allEvents``, stable for the life of the process.
    public var id: Int? { TraceEventRegistry.shared.id(of: self) }

    /// `name(type name, ...) "format"`, the event's declaration.
    public var description: String {
        "\(name)(\(arguments.map(\.description).joined(separator: ", "))) \"\(format)\""
    }

    /// Turns the Swift backends' delivery of this event on or off; returns false for a disabled event.
    @discardableResult
    func setEnabled(_ enabled: Bool) -> Bool {
        guard isTraceable else { return false }
        ste_state_set(entry.pointee.state, enabled ? 1 : 0)
        return true
    }
}

/// A C string of the registry as Swift text; the C side documents empty strings for absent values, and a NULL
/// from a hand-written provider reads as empty rather than crashing.
func registryString(_ pointer: UnsafePointer<CChar>?) -> String {
    pointer.map { String(cString: $0) } ?? ""
}
