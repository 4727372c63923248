/// An event described in Swift, for groups registered with
/// ``TraceEvents/registerGroup(name:provider:file:events:)`` rather than by a generated provider (tests,
/// plugins, events built at run time).
public struct TraceEventDefinition: Sendable, Hashable {
    /// The event's name.
    public var name: String
    /// The format as C printf sees it.
    public var format: String
    /// The format as written in the source, or nil to reuse ``format``.
    public var formatSource: String?
    /// The declared arguments.
    public var arguments: [TraceEventArgument]
    /// The 1-based line of the definition.
    public var line: Int
    /// The `# file.c` the event stands under, or nil.
    public var sourceFile: String?
    /// The event's properties.
    public var properties: TraceEventProperties

    /// Creates an event description.
    public init(
        name: String, format: String = "", formatSource: String? = nil, arguments: [TraceEventArgument] = [],
        line: Int = 0, sourceFile: String? = nil, properties: TraceEventProperties = []
    ) {
        self.name = name
        self.format = format
        self.formatSource = formatSource
        self.arguments = arguments
        self.line = line
        self.sourceFile = sourceFile
        self.properties = properties
    }
}
