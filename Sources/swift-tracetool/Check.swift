import ArgumentParser
import Foundation
import TraceEventsGeneratorCore

/// `swift-tracetool check FILE...`: reports every problem in trace-events files as
/// `FILE:LINE:COL: error: MESSAGE`, then a summary line; silent when there is none.
struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check trace-events files as QEMU's tracetool and gcc -Wformat would.",
        discussion: """
            Prints every error and warning to standard error as FILE:LINE:COL: SEVERITY: MESSAGE, then a line \
            such as '2 errors, 1 warning in 3 files'. Prints nothing when the files are clean. Exits with 1 when \
            there is an error (or, with --warnings-as-errors, a warning), 0 otherwise.
            """
    )

    @Flag(help: "Treat warnings as errors.")
    var warningsAsErrors = false

    @Argument(help: "The trace-events files to check.")
    var files: [String]

    func run() async throws {
        var report = DiagnosticReport(warningsAsErrors: warningsAsErrors)
        for path in files {
            report.check(path: path)
        }
        StandardError.write(report.lines)
        if report.hasErrors { throw ExitCode.failure }
    }
}

/// Writes whole lines to standard error.
enum StandardError {
    /// Writes `lines`, each followed by a newline.
    static func write(_ lines: [String]) {
        guard !lines.isEmpty else { return }
        FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }
}
