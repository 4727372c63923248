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

    @Test func eventNamesTooLongForLTTngAreWarnedAbout() {
        // lttng-ust: sizeof(#provider) + sizeof(#event) <= 256, so the two names have 254 bytes together.
        let longest = String(repeating: "e", count: 253)
        let tooLong = String(repeating: "e", count: 254)
        let file = TraceEventsParser().parse("\(longest)(void)\n\(tooLong)(void)", path: "t").file
        let withoutProvider = TraceEventsValidator().validate(file).map(\.description)
        #expect(
            withoutProvider == [
                "t:2:1: warning: event name '\(tooLong)' is 254 bytes; with its provider it exceeds LTTng-UST's limit "
                    + "of 254 bytes for provider and event names together, so the LTTng backend cannot compile it"
            ])
        let withProvider = TraceEventsValidator(lttngProviderName: "qemu").validate(file).map(\.description)
        #expect(withProvider.count == 2)
        #expect(withProvider.first?.hasPrefix("t:1:1: warning: event name '\(longest)' is 253 bytes; with 'qemu'") == true)
        #expect(LTTngNameLimit.fits(event: String(repeating: "e", count: 250), provider: "qemu"))
        #expect(!LTTngNameLimit.fits(event: String(repeating: "e", count: 251), provider: "qemu"))
    }
}
