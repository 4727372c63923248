import TraceEvents
import TraceEventsGeneratorCore
// Linking VFIOMigration registers its generated group before main.
import VFIOMigration

/// The engine's trace events (the root `trace-events`, compiled into VFIOMigration) by name, with the template of
/// each one's message.
///
/// The declarations come from the runtime registry, parsed by the generator's own parser, so the report reads the
/// events exactly as the build declared them.
public struct EventCatalog: Sendable {
    /// The provider (LTTng) and group name of the engine's events.
    public static let provider = "vfio_migration"

    /// The engine's events.
    public static let engine = EventCatalog(group: provider)

    private let templates: [String: MessageTemplate]

    /// The catalog of the registered group `group`.
    public init(group: String) {
        var templates: [String: MessageTemplate] = [:]
        for event in TraceEvents.allEvents where event.group?.name == group {
            let format = event.formatSource.isEmpty ? "\"\(event.format)\"" : event.formatSource
            let line = "\(event.name)(\(event.arguments.map(\.description).joined(separator: ", "))) \(format)\n"
            let parsed = TraceEventsParser().parse(line, path: "registry")
            if let declaration = parsed.file.events.first, let template = MessageTemplate(declaration) {
                templates[event.name] = template
            }
        }
        self.templates = templates
    }

    /// The template of event `name`, or nil when the engine has no such event.
    public func template(of name: String) -> MessageTemplate? { templates[name] }

    /// Whether the catalog knows event `name`.
    public func contains(_ name: String) -> Bool { templates[name] != nil }
}
