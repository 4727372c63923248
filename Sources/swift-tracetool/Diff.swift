import ArgumentParser
import Foundation
import TraceEventsGeneratorCore

/// `swift-tracetool diff OLD NEW`: which events were added, removed, renamed or changed.
struct Diff: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show which events were added, removed, renamed or changed between two trace-events files.",
        discussion: """
            Exit status, as diff(1): 0 when both files define the same events, 1 when they differ, \
            2 when a file cannot be read or has syntax errors. The --json schema is documented on \
            TraceEventsDiff (schemaVersion 1).
            """
    )

    @Argument(help: "The old trace-events file.")
    var old: String

    @Argument(help: "The new trace-events file.")
    var new: String

    @Flag(help: "Print the differences as JSON (stable schema, see the discussion).")
    var json = false

    func run() async throws {
        let oldFile: TraceEventsFile
        let newFile: TraceEventsFile
        do {
            oldFile = try SyntaxCheckedFile.parse(path: old)
            newFile = try SyntaxCheckedFile.parse(path: new)
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(2)
        }
        let diff = TraceEventsDiff(old: oldFile, new: newFile)
        print(json ? try diff.json() : diff.report, terminator: "")
        if !diff.isEmpty { throw ExitCode(1) }
    }
}
