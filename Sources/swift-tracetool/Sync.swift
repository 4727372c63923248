import ArgumentParser
import Foundation
import TraceEventsGeneratorCore

/// `swift-tracetool sync`: what the build plugin runs for each Swift target, on every build whose sources or
/// trace-events changed. Reports unused events (as the file's `unused=` directive says) and calls of
/// undefined events as `FILE:LINE:COL: SEVERITY: MESSAGE`, which SwiftPM prints and editors show at the line,
/// then writes the stamp file the build waits for (only when its bytes change, so nothing recompiles).
struct Sync: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Check that sources call exactly the events a trace-events file defines (the build plugin's check).",
        discussion: """
            Unlike 'check --sources', it reports nothing about the definitions themselves (generation does) and \
            prints no summary line. Unused events are warnings unless the file says \
            '# swift-tracetool: unused=error' or 'unused=off', or --unused overrides it. Exits with 1 when there \
            is an error; the stamp is written only when the check passes.
            """
    )

    @Argument(help: "The trace-events file.")
    var file: String

    @Option(name: .customLong("sources"), help: "A Swift or C source file, or a directory of them (repeatable).")
    var sources: [String] = []

    @Option(help: "Overrides the file's unused= directive: warning, error or off.")
    var unused: String?

    @Option(help: "The stamp file to write when the check passes.")
    var stamp: String?

    func run() async throws {
        var policy: UnusedEventPolicy?
        if let unused {
            guard let parsed = UnusedEventPolicy(rawValue: unused) else {
                throw ValidationError("unknown --unused value '\(unused)': expected \(UnusedEventPolicy.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            policy = parsed
        }
        let diagnostics: [Diagnostic]
        do {
            // Definition errors are generation's to report; the events that did parse are checked.
            let (definitions, _) = try TraceEventsLoader.load(path: file)
            diagnostics = try UsageChecker(unusedPolicyOverride: policy).check([definitions], sourcePaths: sources)
        } catch {
            StandardError.write(["\(error)"])
            throw ExitCode.failure
        }
        StandardError.write(diagnostics.map(\.description))
        if diagnostics.containsErrors { throw ExitCode.failure }
        if let stamp {
            try GeneratedFileWriter.write("// swift-tracetool sync checked the calls of \(URL(fileURLWithPath: file).lastPathComponent)'s events.\n", to: stamp)
        }
    }
}
