/// What an event means apart from its name and position: properties, argument types and names, and the
/// format as written. Two definitions with equal signatures trace the same thing the same way.
public struct EventSignature: Hashable, Sendable {
    /// One argument: its C type (not its spelling) and its name.
    public struct Argument: Hashable, Sendable {
        /// The C type.
        public var type: CType
        /// The argument's name.
        public var name: String
    }

    /// The properties, in order.
    public var properties: [EventProperty]
    /// The arguments.
    public var arguments: [Argument]
    /// The format's pieces, or nil when the event has no format.
    public var formatPieces: [EventFormat.Piece]?
    /// The execution-time format's pieces of a `tcg` event, or nil.
    public var executionFormatPieces: [EventFormat.Piece]?

    /// The signature of `event`.
    public init(of event: EventDeclaration) {
        properties = event.properties
        arguments = event.arguments.map { Argument(type: $0.type, name: $0.name) }
        formatPieces = event.format?.pieces
        executionFormatPieces = event.executionFormat?.pieces
    }
}

/// An event's name, section and signature: what formatting must never change.
struct EventMeaning: Hashable {
    var name: String
    var sourceFile: String?
    var signature: EventSignature

    init(of event: EventDeclaration) {
        name = event.name
        sourceFile = event.sourceFile
        signature = EventSignature(of: event)
    }
}
