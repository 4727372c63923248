#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What ``TraceEvents/bootstrap(_:)`` sets up: where patterns come from and which backends to install.
///
/// Patterns apply in this order, later ones winning: the events file, then the environment variable, then
/// ``patterns`` (typically from the command line).
public struct TraceEventsConfiguration: Sendable {
    /// The environment variable holding comma-separated patterns, or nil to ignore the environment.
    public var environmentVariable: String? = "TRACE_EVENTS"
    /// The environment to read; nil reads the process's own (getenv).
    public var environment: [String: String]?
    /// An events file (QEMU's `-trace events=FILE`): one pattern per line, `#` comments.
    public var eventsFile: String?
    /// Trace options from the command line, applied last, each in QEMU's `-trace` syntax: comma-separated
    /// patterns, `enable=PATTERN`, `events=FILE`, `file=FILE` (the simple backend's file) or `help`
    /// (see ``TracePatternSource/patterns(inTraceOption:origin:)``).
    public var patterns: [String] = []
    /// The stderr backend's line shape, or nil for no stderr backend.
    public var standardErrorLineFormat: StderrTraceBackend.LineFormat? = .timestamped
    /// Where the "stderr" backend writes; standard error unless a program redirects it.
    public var standardErrorFileDescriptor: Int32 = STDERR_FILENO
    /// The file of QEMU's simple backend (``SimpleTraceBackend``), or nil for none; `file=FILE` in a trace option
    /// overrides it. ``SimpleTraceBackend/defaultPath`` is QEMU's default, `trace-PID`.
    public var simpleTraceFile: String?
    /// Backends installed next to the stderr backend.
    public var additionalBackends: [any TraceBackend] = []

    /// The default: `TRACE_EVENTS` from the process environment, timestamped lines on standard error.
    public init() {}

    /// The environment variable's value, if any.
    func environmentValue() -> String? {
        guard let name = environmentVariable else { return nil }
        if let environment { return environment[name] }
        return getenv(name).map { String(cString: $0) }
    }
}
