/// Why a pattern could not be parsed.
public struct TraceEventPatternError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The pattern as it was given.
    public var pattern: String
    /// What is wrong with it, in words.
    public var reason: String

    /// Creates an error for `pattern`.
    public init(pattern: String, reason: String) {
        self.pattern = pattern
        self.reason = reason
    }

    /// `invalid trace event pattern 'x y': ...`.
    public var description: String { "invalid trace event pattern '\(pattern)': \(reason)" }
}
