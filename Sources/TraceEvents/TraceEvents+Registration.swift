import CTraceEvents

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension TraceEvents {
    /// Registers a group of events described in Swift, exactly as a generated provider registers its `ste_group`.
    ///
    /// The C structures are allocated once and live for the rest of the process (the registry never forgets a
    /// group), so register a fixed set, not one per request. Patterns applied earlier apply to the new events.
    @discardableResult
    public static func registerGroup(
        name: String, provider: String? = nil, file: String, events: [TraceEventDefinition]
    ) -> TraceEventGroup {
        let entries = UnsafeMutablePointer<UnsafePointer<ste_event>?>.allocate(capacity: max(events.count, 1))
        for (index, definition) in events.enumerated() {
            let event = UnsafeMutablePointer<ste_event>.allocate(capacity: 1)
            let state = UnsafeMutablePointer<UInt16>.allocate(capacity: 1)
            state.initialize(to: 0)
            event.initialize(to: ste_event(
                name: permanentCString(definition.name),
                format: permanentCString(definition.format),
                format_source: permanentCString(definition.formatSource ?? definition.format),
                argument_types: permanentCStringArray(definition.arguments.map(\.type)),
                argument_names: permanentCStringArray(definition.arguments.map(\.name)),
                argument_count: UInt32(definition.arguments.count),
                line: UInt32(clamping: definition.line),
                flags: definition.properties.rawValue,
                source_file: permanentCString(definition.sourceFile ?? ""),
                state: state))
            (entries + index).initialize(to: UnsafePointer(event))
        }
        let group = UnsafeMutablePointer<ste_group>.allocate(capacity: 1)
        group.initialize(to: ste_group(
            name: permanentCString(name),
            provider: permanentCString(provider ?? name),
            file: permanentCString(file),
            events: UnsafePointer(entries),
            event_count: UInt32(events.count),
            compiled_backends: permanentCString(" runtime"),
            next: nil))
        ste_register_group(group)
        TraceEventRegistry.shared.adoptNewGroups()
        return TraceEventGroup(UnsafePointer(group))
    }

    /// Adopts groups that generated providers registered since the registry last looked (after a `dlopen`), so
    /// that the patterns applied so far apply to their events too. Every registry query does this as well.
    public static func adoptNewGroups() {
        TraceEventRegistry.shared.adoptNewGroups()
    }

    private static func permanentCString(_ text: String) -> UnsafePointer<CChar> {
        UnsafePointer(strdup(text)!)
    }

    private static func permanentCStringArray(_ texts: [String]) -> UnsafePointer<UnsafePointer<CChar>?> {
        let array = UnsafeMutablePointer<UnsafePointer<CChar>?>.allocate(capacity: max(texts.count, 1))
        for (index, text) in texts.enumerated() {
            (array + index).initialize(to: permanentCString(text))
        }
        return UnsafePointer(array)
    }
}
