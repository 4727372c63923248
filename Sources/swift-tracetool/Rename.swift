import ArgumentParser
import Foundation
import TraceEventsGeneratorCore

/// `swift-tracetool rename OLD NEW [OLD NEW ...]`: renames events in trace-events files and call sites.
struct Rename: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rename",
        abstract: "Rename events in trace-events files and at every trace_ call site, all or nothing.",
        discussion: """
            All pairs apply at once (A B B A swaps). Only whole trace_OLD tokens in code change, never \
            prefixes of longer names, comments or string literals. Refused, with nothing written: an old \
            name no --events file defines, a new name that exists or that two pairs share, a trace-events \
            file with syntax errors. Every new content is computed first; files are replaced via temporary \
            files and rename(2), and if one cannot be replaced the others are restored.
            """
    )

    @Argument(help: "OLD NEW pairs of event names (without trace_).")
    var names: [String] = []

    @Option(name: .customLong("pairs-file"), help: "A file of 'OLD NEW' lines ('#' starts a comment).")
    var pairsFile: String?

    @Option(name: .customLong("events"), help: "A trace-events file to rename in (repeatable).")
    var eventFiles: [String] = []

    @Option(name: .customLong("sources"), help: "A directory (or file) of Swift and C sources to rename calls in (repeatable).")
    var sources: [String] = []

    @Flag(help: "Show which files would change; write nothing.")
    var dryRun = false

    func run() async throws {
        do {
            var pairs = try RenamePair.pairs(fromWords: names)
            if let pairsFile {
                pairs += try RenamePair.pairs(fromFileText: try SourceFileCollector.read(pairsFile), path: pairsFile)
            }
            guard !pairs.isEmpty else { throw ValidationError("give OLD NEW pairs or --pairs-file") }
            guard !eventFiles.isEmpty else { throw ValidationError("give at least one --events trace-events file") }
            let events = try eventFiles.map { (path: $0, text: try SourceFileCollector.read($0)) }
            let sourceTexts = try SourceFileCollector.sourceFiles(under: sources).map {
                (path: $0, text: try SourceFileCollector.read($0))
            }
            let updates = try EventRenamer(pairs: pairs).plan(eventFiles: events, sources: sourceTexts)
            if !dryRun { try AtomicFileWriter.apply(updates) }
            for update in updates { print("\(update.path): \(dryRun ? "would be updated" : "updated")") }
            let eventCount = "\(pairs.count) event\(pairs.count == 1 ? "" : "s")"
            let fileCount = "\(updates.count) file\(updates.count == 1 ? "" : "s")"
            print(dryRun ? "\(eventCount) would be renamed in \(fileCount)" : "\(eventCount) renamed in \(fileCount)")
        } catch let error as ValidationError {
            throw error
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
