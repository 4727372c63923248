/// One argument of an event: `const char *name`.
public struct EventArgument: Hashable, Sendable, Codable {
    /// The argument's C type.
    public var type: CType
    /// The type exactly as written, with runs of white space folded (`const char*` stays `const char*`).
    public var typeSpelling: String
    /// The argument's name as written.
    public var name: String
    /// Where the argument's type starts.
    public var location: TextLocation
    /// Where the argument's name starts, so that problems with the name are reported on the name.
    public var nameLocation: TextLocation

    /// Creates an argument; `nameLocation` defaults to `location` for arguments built by hand.
    public init(
        type: CType, typeSpelling: String, name: String, location: TextLocation, nameLocation: TextLocation? = nil
    ) {
        self.type = type
        self.typeSpelling = typeSpelling
        self.name = name
        self.location = location
        self.nameLocation = nameLocation ?? location
    }
}

/// A property written before an event's name.
public enum EventProperty: String, Hashable, Sendable, Codable, CaseIterable {
    /// The event is compiled out: its trace function does nothing and it has no tracepoint.
    case disable
    /// QEMU 2.6 to 10.0: the event is about a virtual CPU; an implicit first argument `void *__cpu` comes
    /// before the written ones and `"cpu=%p "` before the format.
    case vcpu
    /// QEMU 2.2 to 6.2: the event has two formats, one at translation time (`NAME_trans`, without the
    /// `TCGv*` arguments) and one at execution time (`NAME_exec`, with them as host values).
    case tcg
}

/// One event of a `trace-events` file.
public struct EventDeclaration: Hashable, Sendable, Codable {
    /// The event's name; generated functions are named `trace_<name>`.
    public var name: String
    /// The properties written before the name, in order.
    public var properties: [EventProperty]
    /// The arguments; empty for `(void)`.
    public var arguments: [EventArgument]
    /// The format, or nil when the line has none; for a `tcg` event, the translation-time format.
    public var format: EventFormat?
    /// The execution-time format of a `tcg` event (the second format on the line), or nil.
    public var executionFormat: EventFormat?
    /// The source file named by the `# file.c` comment the event stands under, if any.
    public var sourceFile: String?
    /// Where the event's name starts.
    public var location: TextLocation

    /// Creates an event.
    public init(
        name: String,
        properties: [EventProperty] = [],
        arguments: [EventArgument],
        format: EventFormat?,
        executionFormat: EventFormat? = nil,
        sourceFile: String? = nil,
        location: TextLocation
    ) {
        self.name = name
        self.properties = properties
        self.arguments = arguments
        self.format = format
        self.executionFormat = executionFormat
        self.sourceFile = sourceFile
        self.location = location
    }

    /// Whether the event carries the `disable` property.
    public var isDisabled: Bool { properties.contains(.disable) }
}
