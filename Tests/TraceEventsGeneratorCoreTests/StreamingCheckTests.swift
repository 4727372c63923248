import Foundation
import Testing
import TestSupport
@testable import TraceEventsGeneratorCore

/// `swift-tracetool check` reads a file one line at a time, keeping nothing
/// (``DiagnosticReport/stream(path:validator:target:group:provider:to:)``) or keeping the file for `--sources` and
/// `list` (``DiagnosticReport/check(path:validator:target:group:provider:)``); either must say exactly what
/// `generate` finds: the loader's and validator's diagnostics of the whole file, then the backends' checks of
/// its context (``CodeGenerator/check(_:)``) when nothing else was an error.
struct StreamingCheckTests {
    /// What `generate` finds in the file at `path`, each diagnostic promoted if `strict`, and the file.
    static func generateFinds(_ path: String, provider: String? = nil, strict: Bool = false) throws
        -> (lines: [String], file: TraceEventsFile)
    {
        let (file, loaded) = try TraceEventsLoader.load(path: path)
        var all = loaded
        if !loaded.containsErrors, let context = try? GenerationContext.resolve(file: file, provider: provider) {
            all += CodeGenerator.check(context)
        }
        let lines = all.map { diagnostic in
            var promoted = diagnostic
            if strict && diagnostic.severity == .warning { promoted.severity = .error }
            return promoted.description
        }
        return (lines, file)
    }

    /// The lines of `report` before its summary.
    static func diagnosticLines(_ report: DiagnosticReport) -> [String] { report.diagnostics.map(\.description) }

    /// Files whose diagnostics cover every kind of rule: directives anywhere, duplicates and case variants across
    /// lines, backend limits (only reported when nothing else is an error), a last line without its newline.
    static let texts: [(name: String, text: String)] = [
        ("clean", "# hw.c\nfoo(int a) \"%d\"\nbar(void)\n"),
        ("duplicates and case variants", "foo(int a) \"%d\"\nFOO(void)\nfoo(void)\nFoo(void)\nFOO(void)\n"),
        ("a directive late in the file", "foo(void)\n# swift-tracetool: grp=x\nbar(int int) \"%d\"\n"),
        ("a bad group name", "# swift-tracetool: group=9x\nfoo(void)\n"),
        ("a provider that makes names too long",
         "# swift-tracetool: provider=" + String(repeating: "p", count: 200) + "\nfoo(void)\ndisable bar(void)\n"),
        ("backend limits hidden by an error",
         "# swift-tracetool: provider=" + String(repeating: "p", count: 200) + "\nfoo(void)\nbar(int x) \"%s\"\n"),
        ("USDT's argument limit", "foo(int a, int b, int c, int d, int e, int f, int g, int h, int i, int j, int k, int l, int m) \"\"\n"),
        ("vcpu and tcg", "vcpu foo(int a) \"%d\"\ntcg bar(TCGv a) \"%d\", \"%\" PRIx64\nfoo_trans(void)\n"),
        ("warnings, notes, no final newline", "foo(int a, int a) \"%--d\\n\"\n\n  # c\nbar(void) \"%m\""),
        ("syntax errors", "foo(int a \"%d\"\nbar(void) \"%q\"\n9baz(void)\n\"x\"\n"),
        ("empty", ""),
    ]

    @Test(arguments: texts.map(\.name))
    func streamingSaysWhatTheLoaderSays(_ name: String) throws {
        let text = try #require(Self.texts.first { $0.name == name }).text
        let path = FileManager.default.temporaryDirectory.appending(path: "stream-\(UUID().uuidString)/trace-events").path
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        for strict in [false, true] {
            let generate = try Self.generateFinds(path, strict: strict)
            var whole = DiagnosticReport(warningsAsErrors: strict)
            let file = whole.check(path: path)
            var streamed = DiagnosticReport(warningsAsErrors: strict)
            var lines: [String] = []
            streamed.stream(path: path) { lines.append($0) }
            #expect(lines == generate.lines, "\(name), warnings as errors: \(strict)")
            #expect(Self.diagnosticLines(whole) == generate.lines, "\(name), warnings as errors: \(strict)")
            #expect(file == generate.file)
            #expect(streamed.errorCount == whole.errorCount && streamed.warningCount == whole.warningCount)
            #expect(streamed.lines == (generate.lines.isEmpty ? [] : [whole.summary]))
        }
    }

    @Test func theFixturesAndRegressionsStreamAsTheyLoad() throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "regressions-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let inputs = try Self.inputFiles(in: directory)
        #expect(inputs.count > 9 + Self.texts.count)
        for input in inputs {
            let generate = try Self.generateFinds(input.path, provider: "p")
            var whole = DiagnosticReport()
            let file = whole.check(path: input.path, provider: "p")
            var streamed = DiagnosticReport()
            var lines: [String] = []
            streamed.stream(path: input.path, provider: "p") { lines.append($0) }
            #expect(lines == generate.lines, "\(input.lastPathComponent)")
            #expect(Self.diagnosticLines(whole) == generate.lines && file == generate.file, "\(input.lastPathComponent)")
        }
    }

    /// The inputs of the tests above, as files.
    static func inputFiles(in directory: URL) throws -> [URL] {
        let root = SharedData.packageRoot
        let regressions = root.appending(path: "Tests/Fuzz/Regressions/trace-events")
        var files = [root.appending(path: "trace-events"), root.appending(path: "Tests/Fixtures/TraceFixture/trace-events")]
            + (try FileManager.default.contentsOfDirectory(atPath: regressions.path)).sorted().map { regressions.appending(path: $0) }
        for (index, entry) in texts.enumerated() {
            let url = directory.appending(path: "\(index)/trace-events")
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try entry.text.write(to: url, atomically: true, encoding: .utf8)
            files.append(url)
        }
        return files
    }

    @Test("a file checked in pieces on several threads says what generate finds, in the same order")
    func piecesSayWhatGenerateFinds() throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "pieces-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        for input in try Self.inputFiles(in: directory) {
            let generate = try Self.generateFinds(input.path, provider: "p")
            let bytes = try TraceEventsLoader.contents(ofFileAt: input.path)
            // One line a piece, a few lines, and more than the file.
            for blockSize in [1, 7, 200, TraceEventsCheck.defaultBlockSize] {
                var emitted: [String] = []
                var kept: [TraceEventsFile.Line] = []
                bytes.withUnsafeBufferPointer { buffer in
                    TraceEventsCheck.run(
                        bytes: buffer, path: input.path, validator: TraceEventsValidator(), target: nil, group: nil,
                        provider: "p", keep: { kept.append($0) }, blockSize: blockSize) { emitted.append($0.description) }
                }
                #expect(emitted == generate.lines, "\(input.path), pieces of \(blockSize) bytes")
                #expect(kept == generate.file.lines, "\(input.path), pieces of \(blockSize) bytes")
            }
        }
    }

    @Test func anUnreadableFileIsOneErrorLine() {
        var report = DiagnosticReport()
        var lines: [String] = []
        report.stream(path: "/nonexistent/trace-events") { lines.append($0) }
        #expect(lines == ["/nonexistent/trace-events: error: cannot read file: no such file or directory"])
        #expect(report.lines == ["1 error, 0 warnings in 1 file"])
        #expect(report.hasErrors)
    }
}

/// What one long line may cost is bounded by the format, not by its length.
struct LongLineTests {
    @Test func aMegabyteOfConversionsIsOneError() {
        let text = "foo(int a) \"" + String(repeating: "%d", count: 500_000) + "\"\n"
        let diagnostics = TraceEventsLoader.load(text: text, path: "t").diagnostics.map(\.description)
        #expect(diagnostics == ["t:1:525: error: format has more than 256 conversions; an event has at most 10 arguments"])
    }

    @Test func twoHundredFiftySixConversionsAreStillChecked() {
        let text = "foo(int a) \"" + String(repeating: "%m", count: 256) + "\"\n"
        let diagnostics = TraceEventsLoader.load(text: text, path: "t").diagnostics
        #expect(diagnostics.count == 257)
        #expect(diagnostics.filter { $0.message.hasPrefix("'%m' prints strerror(errno)") }.count == 256)
    }
}
