/// One `trace_<identifier>` token found in code (never in a comment or a string literal).
public struct TraceCallToken: Hashable, Sendable {
    /// The event name: the identifier without its `trace_` prefix.
    public var eventName: String
    /// Where the token's `t` stands.
    public var location: TextLocation
    /// The byte offset of the token in the file, for tools that rewrite it.
    public var byteOffset: Int
    /// Whether the token is followed (after blanks) by `(`: a call rather than a mere reference.
    public var isCall: Bool
    /// Whether the token is the name of a Swift `func` declaration (a hand-written stand-in for the
    /// generated function), which neither uses an event nor calls an undefined one.
    public var isDeclaration: Bool

    /// Creates a token.
    public init(eventName: String, location: TextLocation, byteOffset: Int, isCall: Bool, isDeclaration: Bool = false) {
        self.eventName = eventName
        self.location = location
        self.byteOffset = byteOffset
        self.isCall = isCall
        self.isDeclaration = isDeclaration
    }

    /// The whole identifier as written: `trace_` and the event name.
    public var identifier: String { SourceScanner.tracePrefix + eventName }
}
