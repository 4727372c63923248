import ArgumentParser
import Foundation
import TraceEventsGeneratorCore

/// `swift-tracetool check FILE...`: reports problems in trace-events files (and, with --sources, in the
/// code that calls their events).
struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check trace-events files, and with --sources that code calls exactly the defined events."
    )

    @Argument(help: "The trace-events files.")
    var files: [String]

    // MARK: check --sources (sync)

    /// Directories (or files) of Swift and C code whose `trace_` calls are checked against the events.
    @Option(name: .customLong("sources"), help: "A directory of Swift/C sources whose trace_ calls must match the events (repeatable).")
    var sources: [String] = []

    /// Whether an event that nothing calls fails the check.
    @Flag(name: .customLong("unused-as-error"), help: "Report events that are never called as errors, not warnings.")
    var unusedAsError = false

    func run() async throws {
        var loaded: [TraceEventsFile] = []
        var failed = false
        for path in files {
            do {
                let (file, diagnostics) = try TraceEventsLoader.load(path: path)
                for diagnostic in diagnostics { FileHandle.standardError.write(Data("\(diagnostic)\n".utf8)) }
                failed = failed || diagnostics.containsErrors
                loaded.append(file)
            } catch {
                FileHandle.standardError.write(Data("\(error)\n".utf8))
                failed = true
            }
        }
        if !sources.isEmpty {
            let usage = try UsageChecker(unusedSeverity: unusedAsError ? .error : .warning).check(loaded, sourcePaths: sources)
            for diagnostic in usage { FileHandle.standardError.write(Data("\(diagnostic)\n".utf8)) }
            failed = failed || usage.containsErrors
        }
        if failed { throw ExitCode.failure }
    }
}
