import ArgumentParser
import MigrationReport

/// `vfio-migrate report`: the breakdown of the migrations a trace recorded, and their pictures.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Break down the migrations an LTTng trace or a stderr log recorded.",
        discussion: """
            Each TRACE is a directory of CTF traces (an LTTng session's output, lttng-relayd's, a snapshot; \
            read through libbabeltrace2) or a file of QEMU log lines (classic TID@SECONDS.MICROSECONDS:NAME MESSAGE \
            or ISO-timestamped). Give both sides' recordings to see a migration whole.
            """)

    @Argument(help: "CTF trace directories and stderr log files.")
    var traces: [String]

    @Option(help: ArgumentHelp("Also write the timeline picture as a self-contained HTML file (inline SVG).", valueName: "FILE"))
    var html: String?

    @Option(help: ArgumentHelp("Also write Chrome trace-event JSON (Perfetto, chrome://tracing).", valueName: "FILE"))
    var chromeTrace: String?

    func run() throws {
        do {
            let migrations = try TraceRecording(paths: traces).migrations
            print(BreakdownText.render(migrations), terminator: "")
            if let html { try ReportFile.write(TimelineHTML.render(migrations), to: html) }
            if let chromeTrace { try ReportFile.write(ChromeTraceJSON.render(migrations), to: chromeTrace) }
        } catch {
            writeStderr("vfio-migrate report: error: \(error)\n")
            throw ExitCode.failure
        }
    }
}
