import PrintableText

/// A warning or error found while configuring which events are on: an unknown event, a pattern that matches
/// nothing, a malformed pattern, an unreadable events file.
///
/// Diagnostics are values so that each program decides where they go; ``TraceEvents/bootstrapReporting(_:)``
/// prints them to standard error.
public struct TraceDiagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    /// How serious a diagnostic is.
    public enum Severity: String, Sendable, Hashable {
        /// The configuration was applied, but probably not as meant (e.g. a pattern matched nothing).
        case warning
        /// Part of the configuration could not be applied.
        case error
    }

    /// How serious it is.
    public var severity: Severity
    /// What happened, in words; outside text in it (a pattern, a file name) printable and bounded.
    public var message: String
    /// Where the offending pattern came from: `FILE:LINE`, the environment variable's name, or nil for the API.
    public var origin: String?

    /// Creates a diagnostic.
    public init(_ severity: Severity, _ message: String, origin: String? = nil) {
        self.severity = severity
        self.message = PrintableText.message(message)
        self.origin = origin.map { PrintableText.excerpt($0, limit: 4 * PrintableText.defaultLimit) }
    }

    /// `ORIGIN: warning: MESSAGE`, the way compilers print diagnostics.
    public var description: String {
        if let origin { "\(origin): \(severity.rawValue): \(message)" } else { "\(severity.rawValue): \(message)" }
    }
}
