/// What ``TraceEvents/bootstrap(_:)`` found while applying the configuration.
public struct TraceBootstrapReport: Sendable {
    /// Warnings and errors, in the order patterns were applied.
    public var diagnostics: [TraceDiagnostic] = []
    /// Whether a pattern was QEMU's `help` (or `?`): the caller should print ``TraceEvents/listing(verbose:)``
    /// and, as QEMU does, usually exit.
    public var isHelpRequested = false

    /// Creates an empty report.
    public init() {}

    /// Whether any diagnostic is an error.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}
