import ArgumentParser
import Foundation
import TraceEventsGeneratorCore

/// `swift-tracetool check FILE...`: reports every problem in trace-events files (and, with --sources, in
/// the code that calls their events) as `FILE:LINE:COL: error: MESSAGE`, then a summary line; silent
/// when there is none.
struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check trace-events files, and with --sources that code calls exactly the defined events.",
        discussion: """
            Files are checked as QEMU's tracetool and gcc -Wformat would check them. Prints every error and \
            warning to standard error as FILE:LINE:COL: SEVERITY: MESSAGE, then a line such as \
            '2 errors, 1 warning in 3 files'. Prints nothing when all is clean. Exits with 1 when there is an \
            error (or, with --warnings-as-errors, a warning), 0 otherwise.
            """
    )

    @Argument(help: "The trace-events files.")
    var files: [String]

    @Flag(help: "Treat warnings as errors.")
    var warningsAsErrors = false

    /// The names `generate` would use, so backend limits (LTTng's name length) are checked for them.
    @Option(help: "The C target the file generates into, as for generate (default: the file's directory's name).")
    var target: String?

    @Option(help: "The group name, as for generate.")
    var group: String?

    @Option(help: "The LTTng-UST provider name, as for generate.")
    var provider: String?

    // MARK: check --sources (sync)

    /// Directories (or files) of Swift and C code whose `trace_` calls are checked against the events.
    @Option(name: .customLong("sources"), help: "A directory of Swift/C sources whose trace_ calls must match the events (repeatable).")
    var sources: [String] = []

    /// Whether an event that nothing calls fails the check.
    @Flag(name: .customLong("unused-as-error"), help: "Report events that are never called as errors, not warnings.")
    var unusedAsError = false

    func run() async throws {
        var report = DiagnosticReport(warningsAsErrors: warningsAsErrors)
        if sources.isEmpty {
            // Nothing needs the events afterwards: each file is checked a line at a time, its diagnostics
            // printed as they are found, so memory stays bounded whatever the file's size.
            var output = StandardError.Stream()
            for path in files {
                report.stream(path: path, target: target, group: group, provider: provider) { output.write($0) }
            }
            output.flush()
        } else {
            var loaded: [TraceEventsFile] = []
            for path in files {
                if let file = report.check(path: path, target: target, group: group, provider: provider) { loaded.append(file) }
            }
            let usage = try UsageChecker(unusedPolicyOverride: unusedAsError ? .error : nil).check(loaded, sourcePaths: sources)
            report.add(usage)
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

    /// Lines written in blocks of 64 KiB, each block whole lines, so that a million diagnostics cost a few
    /// thousand writes and no line is ever torn.
    struct Stream {
        private var buffer: [UInt8] = []
        private static let blockSize = 1 << 16

        /// Adds `line` and a newline, writing the block first when it is full.
        mutating func write(_ line: String) {
            if buffer.count + line.utf8.count >= Self.blockSize { flush() }
            buffer += line.utf8
            buffer.append(UInt8(ascii: "\n"))
        }

        /// Writes what is buffered.
        mutating func flush() {
            guard !buffer.isEmpty else { return }
            FileHandle.standardError.write(Data(buffer))
            buffer.removeAll(keepingCapacity: true)
        }
    }
}
