import Foundation
import Testing
import TraceEventsGeneratorCore

/// Regressions for what an outside probe of 2.4 million mutated files found: inputs `check` accepted that
/// `generate` or the compilers rejected, output that grew with the square of the input, and raw bytes from
/// the input copied into messages.
struct RobustnessTests {
    // MARK: Whatever check accepts, generate generates

    static let macroNamedArguments: [RuleCase] = [
        RuleCase("foo(int NULL) \"%d\"", macroError("NULL", column: 9)),
        RuleCase("foo(int EOF) \"%d\"", macroError("EOF", column: 9)),
        RuleCase("foo(int INT_MAX) \"%d\"", macroError("INT_MAX", column: 9)),
        RuleCase("foo(size_t SIZE_MAX) \"%zu\"", macroError("SIZE_MAX", column: 12)),
        // gcc's default -std=gnu17 predefines these two.
        RuleCase("foo(int linux) \"%d\"", macroError("linux", column: 9)),
        RuleCase("foo(int unix) \"%d\"", macroError("unix", column: 9)),
        RuleCase("foo(int stderr) \"%d\"", macroError("stderr", column: 9)),
        RuleCase("foo(long SYS_read) \"%ld\"", macroError("SYS_read", column: 10)),
        RuleCase(
            "foo(int __func__) \"%d\"",
            "t:1:9: error: argument name '__func__' is reserved in C (it starts with '__' or '_' and a capital letter, "
                + "the names of the compiler and the C library such as __func__); the generated C tracepoint "
                + "provider would not compile"),
        RuleCase(
            "foo(int _Value) \"%d\"",
            "t:1:9: error: argument name '_Value' is reserved in C (it starts with '__' or '_' and a capital letter, "
                + "the names of the compiler and the C library such as __func__); the generated C tracepoint "
                + "provider would not compile"),
        // Names that merely look alike stay valid.
        RuleCase("foo(int null, int _value, int eof) \"%d %d %d\""),
        RuleCase(
            "# swift-tracetool: grp=foo\nfoo(int a) \"%d\"",
            "t:1:1: error: unknown swift-tracetool directive key 'grp' (keys: group, provider, unused, backends, target-long-bits)"),
        RuleCase(
            "# swift-tracetool: group\nfoo(int a) \"%d\"",
            "t:1:1: error: malformed swift-tracetool directive 'group': expected KEY=VALUE (keys: group, provider, unused, backends, target-long-bits)"),
        RuleCase(
            "foo(const signed char *s) \"%s\"",
            "t:1:28: error: '%s' with argument 's' of type 'const signed char *': gcc accepts it, but only 'char *' "
                + "and 'const char *' are traced as strings; declare the argument 'const char *' or print it with '%p'",
            "t:1:5: note: argument 's' is declared here"),
    ]

    static func macroError(_ name: String, column: Int) -> String {
        "t:1:\(column): error: argument name '\(name)' is a macro of the C headers the tracepoint provider includes "
            + "(the preprocessor would replace it); the generated C tracepoint provider would not compile"
    }

    @Test(arguments: macroNamedArguments) func namesTheGeneratedCodeCannotTake(_ rule: RuleCase) {
        #expect(rule.actual == rule.expected)
    }

    /// The oracle for the macro list: gcc's own `-dM` dump of the headers generated providers include.
    @Test func everyObjectLikeMacroOfTheProviderHeadersIsRejected() throws {
        let headers = ["stdbool.h", "stdint.h", "stddef.h", "stdio.h", "pthread.h", "lttng/tracepoint.h", "sys/sdt.h", "limits.h",
                       "inttypes.h"]
        let source = headers.map { "#if __has_include(<\($0)>)\n#include <\($0)>\n#endif\n" }.joined()
        let path = FileManager.default.temporaryDirectory.appending(path: "macros-\(UUID().uuidString).c")
        try source.write(to: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: path) }
        let result = try ProcessRunner.run(tool: "gcc", ["-std=gnu17", "-dM", "-E", path.path], timeout: 60)
        try #require(result.status == 0, "gcc -dM failed: \(result.combined)")
        let macros = result.output.split(separator: "\n").compactMap { line -> String? in
            let fields = line.split(separator: " ", maxSplits: 2)
            guard fields.count >= 2, fields[0] == "#define", !fields[1].contains("(") else { return nil }
            return String(fields[1])
        }
        #expect(macros.count > 100, "gcc reported only \(macros.count) macros")
        let accepted = macros.filter { CReservedWords.problem(withArgumentName: $0) == nil }
        #expect(accepted.isEmpty, "macros an argument may be named after: \(accepted.prefix(20))")
    }

    // MARK: Cost linear in the input

    @Test func aRepeatedFlagIsReportedOncePerConversionWithABoundedExcerpt() {
        let text = "foo(int a) \"%" + String(repeating: "-", count: 40_000) + "d\"\n"
        let diagnostics = TraceEventsLoader.load(text: text, path: "t").diagnostics
        #expect(diagnostics.count == 1)
        let description = diagnostics.first?.description ?? ""
        #expect(description.hasPrefix("t:1:13: warning: repeated '-' flag in '%-----"))
        #expect(description.contains("...(39930 bytes)..."))
        #expect(description.utf8.count < 200, "\(description.utf8.count) bytes")
    }

    @Test func aMegabyteNameIsQuotedAsAnExcerpt() throws {
        let name = String(repeating: "e", count: 1_000_000)
        let path = FileManager.default.temporaryDirectory.appending(path: "long-\(UUID().uuidString).trace-events").path
        try "\(name)(void)\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var report = DiagnosticReport()
        report.check(path: path, provider: "p")
        #expect(report.diagnostics.count == 1)
        #expect(report.lines.allSatisfy { $0.utf8.count < 2 * 1024 })
    }

    // MARK: Messages one line each, printable

    @Test func controlCharactersFromTheInputAreEscapedInDiagnostics() {
        let hostile = "a\u{1B}[2J\r\u{0B}\u{0}\u{2028}z"
        let text = "foo(int a) \"%d\"\nbar\(hostile)(int a) \"%d\"\nbaz(x\(hostile) y) \"%d\""
        let lines = TraceEventsLoader.load(text: text, path: "t\u{1B}").diagnostics.map(\.description)
        #expect(!lines.isEmpty)
        for line in lines {
            #expect(line.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F && $0 != "\u{2028}" }, "\(line.debugDescription)")
            #expect(line.hasPrefix("t\\x1B:"))
        }
        #expect(lines.contains { $0.contains("\\x1B[2J\\r\\v\\0\\u2028") }, "\(lines)")
    }

    @Test func aCarriageReturnInAFormatStaysInsideTheGeneratedDocComment() throws {
        let file = TraceEventsParser().parse("foo(int a) \"one\rtwo\u{2028}three %d\"\n", path: "t").file
        let swift = try CodeGenerator.generate(.swift, context: GenerationContext.resolve(file: file, target: "T"))
        #expect(!swift.unicodeScalars.contains("\r"))
        let comments = swift.split(separator: "\n").filter { $0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }
        #expect(comments.allSatisfy { !$0.unicodeScalars.contains("\u{2028}") })
        #expect(swift.contains("/// Trace event `foo(int a)`: `\"one\\rtwo\\u2028three %d\"`"))
    }

    // MARK: Special files

    @Test func devicesAreRefusedWithWhatTheyAre() {
        #expect(throws: TraceEventsLoader.ReadError.self) { try TraceEventsLoader.load(path: "/dev/null") }
        do {
            _ = try TraceEventsLoader.load(path: "/dev/null")
        } catch {
            #expect("\(error)" == "/dev/null: error: cannot read file: is not a regular file (a character device)")
        }
    }

    @Test func aFIFOIsRead() throws {
        let path = FileManager.default.temporaryDirectory.appending(path: "fifo-\(UUID().uuidString)").path
        try #require(mkfifo(path, 0o600) == 0)
        defer { unlink(path) }
        let writer = Thread {
            let descriptor = open(path, O_WRONLY)
            guard descriptor >= 0 else { return }
            let line = Array("foo(int a) \"%d\"\n".utf8)
            _ = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            close(descriptor)
        }
        writer.start()
        let (file, diagnostics) = try TraceEventsLoader.load(path: path)
        #expect(diagnostics.isEmpty)
        #expect(file.events.map(\.name) == ["foo"])
    }
}
