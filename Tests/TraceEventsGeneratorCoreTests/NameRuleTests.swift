import Foundation
import Testing
import TraceEventsGeneratorCore

/// Names and counts: what the generated C provider and QEMU's conventions need.
@Suite struct NameRuleTests {
    static let cases: [RuleCase] = [
        // Swift keywords are fine as argument names (QEMU uses them); the generated Swift escapes them.
        RuleCase(
            "foo(int type, int func, int self, int as, int guard, int class, int protocol, int in) "
                + "\"%d %d %d %d %d %d %d %d\""),
        RuleCase(
            "foo(int int) \"%d\"",
            "t:1:9: error: argument name 'int' is a C keyword; the generated C tracepoint provider would not compile"),
        RuleCase(
            "foo(int a, int default) \"%d %d\"",
            "t:1:16: error: argument name 'default' is a C keyword; the generated C tracepoint provider would not "
                + "compile"),
        RuleCase(
            "foo(int size_t) \"%d\"",
            "t:1:9: error: argument name 'size_t' is a C type name; the generated C tracepoint provider would not "
                + "compile"),
        RuleCase(
            "foo(int a, int a) \"%d %d\"",
            "t:1:16: error: duplicate argument name 'a' in event 'foo'",
            "t:1:9: note: 'a' is first declared here"),
        // QEMU's ten-argument limit: ten pass, eleven do not.
        RuleCase(
            "foo(int a1, int a2, int a3, int a4, int a5, int a6, int a7, int a8, int a9, int a10) "
                + "\"%d %d %d %d %d %d %d %d %d %d\""),
        RuleCase(
            "foo(int a1, int a2, int a3, int a4, int a5, int a6, int a7, int a8, int a9, int a10, int a11)",
            "t:1:86: error: event 'foo' has 11 arguments; QEMU allows at most 10"),
        // Duplicate event names, and names that differ only in case.
        RuleCase(
            "foo(void)\nbar(void)\nfoo(int a)",
            "t:3:1: error: duplicate event name 'foo' (first defined on line 1)",
            "t:1:1: note: 'foo' is first defined here"),
        RuleCase(
            "foo_Bar(void)\nFOO_bar(void)",
            "t:2:1: warning: event name 'FOO_bar' differs from 'foo_Bar' (line 1) only in case; QEMU's generated "
                + "TRACE_FOO_BAR macros would collide"),
    ]

    @Test(arguments: cases) func namesAndCounts(_ rule: RuleCase) {
        #expect(rule.actual == rule.expected)
    }

    @Test func eventNamesTooLongForLTTngAreErrorsInCheckAsInGenerate() throws {
        // lttng-ust: sizeof(#provider) + sizeof(#event) <= 256, so the two names have 254 bytes together.
        let longest = String(repeating: "e", count: 250)
        let tooLong = String(repeating: "e", count: 251)
        let text = "# swift-tracetool: provider=qemu\n\(longest)(void)\n\(tooLong)(void)\n"
        let path = FileManager.default.temporaryDirectory.appending(path: "names-\(UUID().uuidString).trace-events").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        var report = DiagnosticReport()
        let checked = report.check(path: path)
        let file = try #require(checked)
        #expect(report.diagnostics.count == 1)
        let diagnostic = try #require(report.diagnostics.first)
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.location == TextLocation(file: path, line: 3, column: 1))
        #expect(diagnostic.message.hasSuffix(
            "is too long: provider and event name have 255 bytes together, lttng-ust allows at most 254 "
                + "(LTTNG_UST_TRACEPOINT_NAME_LEN_MAX); shorten the event or set a shorter provider with "
                + "'# swift-tracetool: provider=NAME'"))
        // The same verdict from the generator: what check passes, generate generates.
        let context = try GenerationContext.resolve(file: file)
        #expect(throws: GenerationFailure.self) { try CodeGenerator.generate(.swift, context: context) }
        #expect(CodeGenerator.check(context).map(\.description) == report.diagnostics.map(\.description))
        #expect(LTTngNameLimit.fits(event: longest, provider: "qemu"))
        #expect(!LTTngNameLimit.fits(event: tooLong, provider: "qemu"))
    }
}
