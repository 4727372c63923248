import ArgumentParser
import Foundation
import TraceEventsGeneratorCore

/// `swift-tracetool fmt [--check] [--sort] FILE...`: canonical layout for trace-events files.
struct Format: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fmt",
        abstract: "Rewrite trace-events files in canonical layout (meaning never changes).",
        discussion: """
            Layout: `NAME(TYPE NAME, TYPE *NAME) "format"PRIx64"..."`, one space before the format, \
            comments verbatim, runs of blank lines collapsed to one, no blank lines at either end. \
            --sort orders each `# file.c` section's events by name; a comment directly above an event \
            moves with it (comments opening a section stay on top). Files with syntax errors are refused. Exit status: 0 done (or nothing to do), \
            1 with --check when a file would change, 2 when a file cannot be read, has syntax errors or \
            cannot be written.
            """
    )

    @Flag(help: "Write nothing; name each file that would change and exit 1 if any would.")
    var check = false

    @Flag(help: "Sort the events of each '# file.c' section by name.")
    var sort = false

    @Argument(help: "The trace-events files.")
    var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one trace-events file") }
    }

    func run() async throws {
        let formatter = TraceEventsFormatter(sortsEvents: sort)
        var troubled = false
        var wouldChange = false
        for path in files {
            do {
                let text = try SourceFileCollector.read(path)
                let formatted = try formatter.format(text, path: path)
                guard formatted != text else { continue }
                if check {
                    print("\(path): would be reformatted")
                    wouldChange = true
                } else {
                    try AtomicFileWriter.apply([FileUpdate(path: path, original: Array(text.utf8), updated: Array(formatted.utf8))])
                    print("\(path): reformatted")
                }
            } catch {
                FileHandle.standardError.write(Data("\(error)\n".utf8))
                troubled = true
            }
        }
        if troubled { throw ExitCode(2) }
        if wouldChange { throw ExitCode(1) }
    }
}
