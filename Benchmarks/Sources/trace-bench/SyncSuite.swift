import Foundation
import TraceEventsGeneratorCore

/// The build-time sync check (`swift-tracetool sync`, run by the build plugin for every Swift target whose
/// sources changed): scan 100,000 lines of real Swift for `trace_` calls and compare them with the events.
enum SyncSuite: BenchmarkSuite {
    static let name = "sync"

    /// How many lines of sources the check reads.
    static let targetLines = 100_000

    static func run(_ context: BenchContext) throws -> [ResultRow] {
        let definitions = SharedData.repositoryRoot.appendingPathComponent("trace-events")
        let (file, _) = try TraceEventsLoader.load(path: definitions.path)
        let tree = try writeCorpus()
        defer { try? FileManager.default.removeItem(at: tree.directory) }
        let rounds = context.options.quick ? 5 : 21
        context.progress("sync: checking \(tree.lines) lines in \(tree.files) Swift files against the root trace-events")

        var diagnostics = 0
        let check = try GeneratorSuite.medianSeconds(rounds: rounds) {
            diagnostics = try UsageChecker().check([file], sourcePaths: [tree.directory.path]).count
        }
        // The floor under any lexer: read the same files and find each "trace_" with a plain byte search
        // (no comments, strings or positions), as `grep -c trace_` would.
        var occurrences = 0
        let floor = try GeneratorSuite.medianSeconds(rounds: rounds) {
            occurrences = try naiveCount(in: tree.directory)
        }
        return [ResultRow(
            section: "Build-time sync (TraceEventsGeneratorCore, files read from disk each time)",
            measurement: "`swift-tracetool sync`'s check of \(tree.lines) lines (\(tree.files) files, the package's own Swift "
                + "sources repeated) vs reading them and counting \"trace_\" bytes",
            unit: "ms", ours: check * 1000, baseline: floor * 1000, goal: .valueAtMost(100),
            notes: "median of \(rounds); \(occurrences) \"trace_\" occurrences, \(diagnostics) diagnostics"
                + " (copies leave events unused nowhere, calls of test stand-ins undefined)")]
    }

    /// The package's Swift sources copied into a temporary tree until it holds `targetLines` lines.
    private static func writeCorpus() throws -> (directory: URL, files: Int, lines: Int) {
        let sources = try SourceFileCollector.sourceFiles(under: [SharedData.repositoryRoot.appendingPathComponent("Sources").path])
            .filter { $0.hasSuffix(".swift") }
            .map { try SourceFileCollector.read($0) }
        guard !sources.isEmpty else { throw ProcessRunner.Failure(description: "no Swift sources under Sources/") }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ste-sync-bench-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var lines = 0
        var files = 0
        while lines < targetLines {
            let text = sources[files % sources.count]
            try text.write(to: directory.appendingPathComponent("Copy\(files).swift"), atomically: false, encoding: .utf8)
            lines += text.utf8.reduce(0) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
            files += 1
        }
        return (directory, files, lines)
    }

    private static func naiveCount(in directory: URL) throws -> Int {
        let needle = Array("trace_".utf8)
        var count = 0
        for path in try SourceFileCollector.sourceFiles(under: [directory.path]) {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            data.withUnsafeBytes { raw in
                let bytes = raw.bindMemory(to: UInt8.self)
                var index = 0
                while index + needle.count <= bytes.count {
                    if bytes[index] == needle[0], bytes[index + 1] == needle[1], bytes[index..<(index + needle.count)].elementsEqual(needle) {
                        count += 1
                        index += needle.count
                    } else {
                        index += 1
                    }
                }
            }
        }
        return count
    }
}
