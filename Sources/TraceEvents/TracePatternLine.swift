/// One pattern as written somewhere, with where it was written so that diagnostics can point at it.
public struct TracePatternLine: Sendable, Hashable {
    /// The pattern text, e.g. `-vfio_save_buffer`.
    public var text: String
    /// Where it came from (`FILE:LINE`, the environment variable's name), or nil.
    public var origin: String?

    /// Creates a located pattern.
    public init(_ text: String, origin: String? = nil) {
        self.text = text
        self.origin = origin
    }

    /// Whether this is QEMU's request for the list of events (`help` or `?`) rather than a pattern.
    public var isHelpRequest: Bool {
        let trimmed = text.trimmingASCIIWhitespace()
        return trimmed == "help" || trimmed == "?"
    }
}
