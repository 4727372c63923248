import ArgumentParser

/// Options choosing which trace events to emit.
struct TraceOptions: ParsableArguments {
    @Option(
        name: .customLong("trace"),
        help: ArgumentHelp(
            "Enable trace events matching PATTERN (glob; '-' prefix disables). Repeatable.",
            discussion: "Accepted now; the events are emitted once the trace runtime is wired into this tool.",
            valueName: "PATTERN"))
    var patterns: [String] = []

    @Flag(help: "Explain how to record the events with LTTng-UST.")
    var lttngHelp = false

    /// The options as arguments, to pass to a child process.
    var arguments: [String] { patterns.flatMap { ["--trace", $0] } }

    /// Prints the LTTng explanation if asked; returns whether it did.
    func printLTTngHelpIfRequested() -> Bool {
        guard lttngHelp else { return false }
        print("""
            LTTng-UST: the trace events of this tool are compiled into an LTTng-UST tracepoint provider when the \
            package is built with the LTTng trait (swift build --traits LTTng). Recording instructions appear \
            here once the trace runtime is wired into vfio-migrate; until then this build emits no LTTng events.
            """)
        return true
    }
}
