import ArgumentParser
import Foundation
import TraceEventsGeneratorCore

/// `swift-tracetool list [--json] FILE...`: every event of the files, one per line or as JSON.
struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the events of trace-events files.",
        discussion: """
            Text output has one line per event, with tab-separated columns: FILE:LINE, group, source file \
            (the '# file.c' comment above the event, '-' if none), name, properties ('-' if none), \
            (TYPE NAME, ...), the format as written, and the format as printf sees it as a C string literal \
            ('-' for both when the event has none).

            --json prints one object, schemaVersion 1: {"schemaVersion", "files": [{"path", "group", \
            "events": [{"name", "group", "file", "line", "column", "sourceFile", "properties", \
            "arguments": [{"name", "type", "typeAsWritten"}], "format": {"source", "printf", \
            "conversions"} or null}]}]}. Fields are only ever added.

            A file's group is QEMU's: the directories from the root to the file joined with '_' \
            (hw/vfio/trace-events is hw_vfio; a file in the root itself is 'root'). The root is --root if \
            given, else the current directory if every file lies under it, else the deepest directory that \
            holds them all.

            If a file has errors, they are printed to standard error as 'check' prints them, nothing is \
            listed, and the exit status is 1. Warnings are printed and the events listed.
            """
    )

    @Flag(help: "Print JSON instead of one line per event.")
    var json = false

    @Option(help: ArgumentHelp("The directory group names are relative to.", valueName: "directory"))
    var root: String?

    @Argument(help: "The trace-events files to list.")
    var files: [String]

    func run() async throws {
        var report = DiagnosticReport()
        var loaded: [(path: String, file: TraceEventsFile)] = []
        for path in files {
            if let file = report.check(path: path) { loaded.append((path, file)) }
        }
        StandardError.write(report.lines)
        if report.hasErrors { throw ExitCode.failure }

        let root = root ?? EventGroupName.defaultRoot(
            forFiles: files, currentDirectory: FileManager.default.currentDirectoryPath)
        let listing = EventListing(files: loaded.map { entry in
            (entry.path, EventGroupName.group(ofFile: entry.path, root: root), entry.file)
        })
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = try encoder.encode(listing)
            FileHandle.standardOutput.write(data + Data("\n".utf8))
        } else {
            let lines = listing.files.flatMap(\.events).map(\.textLine)
            if !lines.isEmpty { print(lines.joined(separator: "\n")) }
        }
    }
}
