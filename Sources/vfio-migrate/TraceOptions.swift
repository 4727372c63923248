import ArgumentParser
import TraceEvents

/// Options choosing which trace events to emit and how, in QEMU's `-trace` vocabulary.
///
/// Patterns apply in the runtime's order: `--trace-file`, then `TRACE_EVENTS` from the environment, then each
/// `--trace` as given, so the command line wins.
struct TraceOptions: ParsableArguments {
    /// The stderr line shapes the runtime offers.
    enum LineFormat: String, ExpressibleByArgument, CaseIterable {
        /// `TID@SECONDS.MICROSECONDS:NAME MESSAGE`, as QEMU prints with `-msg timestamp=on`.
        case classic
        /// `NAME MESSAGE`.
        case bare
        /// `2025-07-21T18:43:28.089797Z NAME MESSAGE`, as QEMU 10.1 and later print with `-msg timestamp=on`.
        case iso

        var runtimeFormat: StderrTraceBackend.LineFormat {
            switch self {
            case .classic: .timestamped
            case .bare: .bare
            case .iso: .iso8601
            }
        }
    }

    // Unconditional: QEMU's '-PATTERN' (disable) must be taken as a value, not as an unknown option.
    @Option(
        name: .customLong("trace"),
        parsing: .unconditionalSingleValue,
        help: ArgumentHelp(
            "Enable trace events matching PATTERN: a glob, '-' prefix disables; comma lists, enable=PATTERN, "
                + "events=FILE, file=FILE (QEMU's simple binary trace, read by simpletrace.py); 'help' lists every "
                + "event and exits. Repeatable.",
            discussion: "TRACE_EVENTS in the environment adds comma-separated patterns before these.",
            valueName: "PATTERN"))
    var patterns: [String] = []

    @Option(
        name: .customLong("trace-file"),
        help: ArgumentHelp("Read trace patterns from FILE, one per line, '#' comments (QEMU's -trace events=FILE).",
                           valueName: "FILE"))
    var eventsFile: String?

    @Option(name: .customLong("trace-format"), help: "Trace line shape on stderr: classic (thread id and time), bare, or iso (UTC time, QEMU 10.1).")
    var lineFormat: LineFormat = .classic

    @Flag(help: "Explain how to record the trace events with LTTng-UST, with the exact commands, and exit.")
    var lttngHelp = false

    /// Set by `demo` for its child, which gets the same patterns: the parent already warned about them.
    @Flag(name: .customLong("no-trace-warnings"), help: .hidden)
    var suppressesWarnings = false

    /// The options as arguments, to pass to a child process so that it traces the same events the same way
    /// (the child inherits `TRACE_EVENTS` with the environment).
    var arguments: [String] {
        patterns.flatMap { ["--trace", $0] } + (eventsFile.map { ["--trace-file", $0] } ?? [])
            + ["--trace-format", lineFormat.rawValue]
    }

    /// ``arguments`` for `demo`'s child, which need not repeat the parent's warnings. A simple trace file
    /// (`--trace file=FILE`) is the parent's: the child writes its own beside it, `FILE.incoming`.
    var childArguments: [String] {
        let simpleTrace = TraceEvents.backends.lazy.compactMap { $0 as? SimpleTraceBackend }.first
        return arguments + (simpleTrace.map { ["--trace", "file=\($0.path).incoming"] } ?? []) + ["--no-trace-warnings"]
    }

    /// Whether any event goes to a backend now (after ``bootstrap(command:)``).
    var isTracing: Bool { !TraceEvents.enabledEvents.isEmpty }

    /// Sets up tracing for `command` (e.g. `vfio-migrate demo`): prints pattern diagnostics to stderr, and
    /// handles `--trace help` and `--lttng-help`.
    ///
    /// - Returns: whether the command should stop now because it printed help.
    /// - Throws: `ExitCode.failure` after a plain error line when a pattern or the events file is malformed.
    func bootstrap(command: String) throws -> Bool {
        var configuration = TraceEventsConfiguration()
        configuration.patterns = patterns
        configuration.eventsFile = eventsFile
        configuration.standardErrorLineFormat = lineFormat.runtimeFormat
        let report = TraceEvents.bootstrap(configuration)
        for diagnostic in report.diagnostics where !(suppressesWarnings && diagnostic.severity == .warning) {
            writeStderr("\(command): \(diagnostic)\n")
        }
        if report.hasErrors {
            writeStderr("\(command): error: invalid trace options; see '--trace help' for the event names\n")
            throw ExitCode.failure
        }
        if report.isHelpRequested {
            TraceEvents.printListing()
            flushStdout()
            return true
        }
        if lttngHelp {
            print(LTTngHelp.text(program: command), terminator: "")
            flushStdout()
            return true
        }
        return false
    }
}
