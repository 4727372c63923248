/// One `trace_<identifier>` token found in code (never in a comment or a string literal).
public struct TraceCallToken: Hashable, Sendable {
    /// The event name: the identifier without its `trace_` prefix.
    public var eventName: String
    /// Where the token's `t` stands.
    public var location: SourceLocation
    /// The byte offset of the token in the file, for tools that rewrite it.
    public var byteOffset: Int
    /// Whether the token is followed (after blanks) by `(`: a call rather than a mere reference.
    public var isCall: Bool

    /// Creates a token.
    public init(eventName: String, location: SourceLocation, byteOffset: Int, isCall: Bool) {
        self.eventName = eventName
        self.location = location
        self.byteOffset = byteOffset
        self.isCall = isCall
    }

    /// The whole identifier as written: `trace_` and the event name.
    public var identifier: String { SourceScanner.tracePrefix + eventName }
}
