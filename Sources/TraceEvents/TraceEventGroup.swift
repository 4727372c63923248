import CTraceEvents

/// All events of one trace-events file, as its generated provider registered them.
public struct TraceEventGroup: @unchecked Sendable, Hashable, CustomStringConvertible {
    // @unchecked: groups are static data that registered providers never change after registration.

    /// The C registry entry.
    public let entry: UnsafePointer<ste_group>

    /// Wraps a registry group.
    public init(_ entry: UnsafePointer<ste_group>) {
        self.entry = entry
    }

    /// The group's name, e.g. `vfio_migration`.
    public var name: String { registryString(entry.pointee.name) }

    /// The LTTng-UST provider name the events are recorded under.
    public var provider: String { registryString(entry.pointee.provider) }

    /// The path of the trace-events file the group was generated from.
    public var file: String { registryString(entry.pointee.file) }

    /// The generator backends compiled into the provider (`runtime`, `lttng`, ...).
    public var compiledBackends: [String] { Self.compiledBackends(entry.pointee) }

    /// Whether the provider was compiled with LTTng-UST probes.
    public var isLTTngCompiled: Bool { compiledBackends.contains("lttng") }

    /// The names in a registry entry's `compiled_backends`.
    static func compiledBackends(_ group: ste_group) -> [String] {
        // The field imports as optional or not depending on the header's nullability annotations.
        let list: UnsafePointer<CChar>? = group.compiled_backends
        guard let list else { return [] }
        return String(cString: list).split(separator: " ").map(String.init)
    }

    /// The group's events, in file order.
    public var events: [TraceEvent] {
        let group = entry.pointee
        guard let events = group.events else { return [] }
        return (0..<Int(group.event_count)).compactMap { events[$0].map(TraceEvent.init) }
    }

    /// The group's name and file.
    public var description: String { "\(name) (\(file))" }
}
