/// A parsed `trace-events` file, line by line, so that tools can rewrite it without losing anything.
public struct TraceEventsFile: Hashable, Sendable, Codable {
    /// One line of the file.
    public enum Line: Hashable, Sendable, Codable {
        /// An empty or all-blank line.
        case blank
        /// A `#` comment; the text is the whole line as written, trailing blanks removed.
        case comment(String)
        /// An event definition.
        case event(EventDeclaration)
        /// A line that could not be parsed (its diagnostics say why), kept as written.
        case invalid(String)
    }

    /// The path the file was read from.
    public var path: String
    /// Every line, in order.
    public var lines: [Line]

    /// Creates a file.
    public init(path: String, lines: [Line]) {
        self.path = path
        self.lines = lines
    }

    /// The events, in file order.
    public var events: [EventDeclaration] {
        lines.compactMap { if case .event(let event) = $0 { event } else { nil } }
    }
}
