import Foundation
import Testing
import TraceEventsGeneratorCore

/// Every QEMU dialect since 2.0 reads with the same parser: the `vcpu` and `tcg` properties, `float` and
/// `double`, QEMU's own format macros, and the constructs later releases reject (a warning that names the
/// release). Lines are modelled on QEMU 2.x-7.x files.
@Suite struct DialectRuleTests {
    static let valid: [RuleCase] = [
        // QEMU 2.6-10.0 `vcpu` events, as in QEMU 7.2's trace-events.
        RuleCase("vcpu guest_cpu_enter(void)"),
        RuleCase(
            "vcpu guest_user_syscall_ret(uint64_t num, uint64_t ret) \"num=0x%016\"PRIx64\" ret=0x%016\"PRIx64"),
        RuleCase("disable vcpu guest_cpu_reset(void)"),
        // QEMU 2.2-6.2 `tcg` events: translation-time format, execution-time format.
        RuleCase("vcpu tcg guest_mem_before(TCGv vaddr, uint16_t info) \"info=%d\", \"vaddr=0x%016\"PRIx64\" info=%d\""),
        RuleCase(
            "tcg goto_ptr(TCGv_ptr ptr) \"\", \"ptr=%p\"",
            gccDiffers: "an empty format is QEMU's (the translation-time event prints only its name); gcc's "
                + "-Wformat-zero-length flags it"),
        RuleCase("tcg ld(TCGv_i32 a, TCGv_i64 b, int c) \"c=%d\", \"a=%u b=%\" PRIu64 \" c=%d\""),
        // QEMU's own macros.
        RuleCase("memory_region_read(uint64_t addr, uint64_t size) \"addr 0x%\" HWADDR_PRIx \" %\" HWADDR_PRIu"),
        RuleCase("spapr_pci(uint64_t addr) \"addr \" TARGET_FMT_plx"),
        RuleCase("ram_block(uint64_t offset) \"offset \" RAM_ADDR_FMT"),
        RuleCase("# swift-tracetool: target-long-bits=64\ncpu_pc(uint64_t pc, int64_t d) \"pc \" TARGET_FMT_lx \" \" TARGET_FMT_ld"),
        RuleCase("# swift-tracetool: target-long-bits=32\ncpu_pc(uint32_t pc, uint32_t u) \"pc \" TARGET_FMT_lx \" \" TARGET_FMT_lu"),
        // An event without a format reads in every release (tracetool's format group is optional).
        RuleCase("foo(int a)"),
    ]

    @Test(arguments: valid) func olderDialectsReadWithoutDiagnostics(_ rule: RuleCase) {
        #expect(rule.actual == rule.expected)
    }

    static let diagnosed: [RuleCase] = [
        // The vCPU pointer comes first: the written arguments follow "cpu=%p ".
        RuleCase(
            "vcpu foo(int a) \"%s\"",
            "t:1:18: error: format '%s' expects an argument of type 'char *', but argument 'a' has type 'int'; "
                + "write %d instead",
            "t:1:10: note: argument 'a' is declared here"),
        RuleCase(
            "tcg foo(TCGv a, int b) \"%d %d\", \"%\" PRIx64 \" %d\"",
            "t:1:28: error: too few arguments for format: '%d' expects a matching 'int' argument"),
        RuleCase(
            "tcg foo(TCGv a, int b) \"b=%d\", \"a=%d b=%d\"",
            "t:1:35: error: format '%d' expects an argument of type 'int', but argument 'a' has type 'uint64_t'; "
                + "write \"%\" PRId64 instead",
            "t:1:9: note: argument 'a' is declared here"),
        RuleCase(
            "tcg foo(TCGv a) \"x\"",
            "t:1:17: error: a 'tcg' event needs two formats, translation time and execution time: \"TRANS\", \"EXEC\""),
        RuleCase(
            "foo(int a) \"x\", \"y\"",
            "t:1:15: error: a second format after ',' is only allowed in an event with the 'tcg' property"),
        RuleCase("tcg foo(int a) \"x\", \"y\", \"z\"", "t:1:24: error: an event has at most two formats"),
        RuleCase(
            "foo(TCGv a) \"%\" PRIx64",
            "t:1:5: error: TCG type 'TCGv' is only allowed in an event with the 'tcg' property",
            "t:1:14: error: format '%lx' expects an argument of type 'unsigned long', but argument 'a' has type 'TCGv'",
            "t:1:5: note: argument 'a' is declared here"),
        // QEMU 2.x float and double arguments.
        RuleCase(
            "foo(double d, float f) \"%f %.3g\"",
            "t:1:5: warning: argument type 'double' reads as QEMU 2.x read it (a Swift Double); QEMU 6.0 and later "
                + "reject floating-point arguments",
            "t:1:15: warning: argument type 'float' reads as QEMU 2.x read it (a Swift Float); QEMU 6.0 and later "
                + "reject floating-point arguments"),
        RuleCase(
            "foo(double a) \"%f %e %g %a %F %E %G %A %lf %10.3f %+#e %08.3f % -12.4g\"",
            "t:1:5: warning: argument type 'double' reads as QEMU 2.x read it (a Swift Double); QEMU 6.0 and later "
                + "reject floating-point arguments",
            "t:1:19: error: too few arguments for format: '%e' expects a matching 'double' argument",
            "t:1:22: error: too few arguments for format: '%g' expects a matching 'double' argument",
            "t:1:25: error: too few arguments for format: '%a' expects a matching 'double' argument",
            "t:1:28: error: too few arguments for format: '%F' expects a matching 'double' argument",
            "t:1:31: error: too few arguments for format: '%E' expects a matching 'double' argument",
            "t:1:34: error: too few arguments for format: '%G' expects a matching 'double' argument",
            "t:1:37: error: too few arguments for format: '%A' expects a matching 'double' argument",
            "t:1:40: error: too few arguments for format: '%lf' expects a matching 'double' argument",
            "t:1:44: error: too few arguments for format: '%10.3f' expects a matching 'double' argument",
            "t:1:51: error: too few arguments for format: '%+#e' expects a matching 'double' argument",
            "t:1:56: error: too few arguments for format: '%08.3f' expects a matching 'double' argument",
            "t:1:63: error: too few arguments for format: '% -12.4g' expects a matching 'double' argument"),
        RuleCase(
            "foo(double a, float b, double c, double d) \"%lf %10.3f %+#e %08.3f\"",
            "t:1:5: warning: argument type 'double' reads as QEMU 2.x read it (a Swift Double); QEMU 6.0 and later "
                + "reject floating-point arguments",
            "t:1:15: warning: argument type 'float' reads as QEMU 2.x read it (a Swift Float); QEMU 6.0 and later "
                + "reject floating-point arguments",
            "t:1:24: warning: argument type 'double' reads as QEMU 2.x read it (a Swift Double); QEMU 6.0 and later "
                + "reject floating-point arguments",
            "t:1:34: warning: argument type 'double' reads as QEMU 2.x read it (a Swift Double); QEMU 6.0 and later "
                + "reject floating-point arguments"),
        RuleCase(
            "foo(double d) \"%d\"",
            "t:1:5: warning: argument type 'double' reads as QEMU 2.x read it (a Swift Double); QEMU 6.0 and later "
                + "reject floating-point arguments",
            "t:1:16: error: format '%d' expects an argument of type 'int', but argument 'd' has type 'double'; "
                + "write %f instead",
            "t:1:5: note: argument 'd' is declared here"),
        RuleCase(
            "foo(double d) \"%hf\"",
            "t:1:5: warning: argument type 'double' reads as QEMU 2.x read it (a Swift Double); QEMU 6.0 and later "
                + "reject floating-point arguments",
            "t:1:16: error: length modifier 'h' cannot be used with '%f' in '%hf'"),
        // Target-dependent macros need the target's word size.
        RuleCase(
            "cpu_pc(uint64_t pc) \"pc \" TARGET_FMT_lx",
            "t:1:27: error: 'TARGET_FMT_lx' depends on the QEMU target's word size; write '# swift-tracetool: "
                + "target-long-bits=64' (or =32) on a line before this event"),
        RuleCase(
            "# swift-tracetool: target-long-bits=32\ncpu_pc(uint64_t pc) \"pc \" TARGET_FMT_lx",
            "t:2:27: error: format '%08x' expects an argument of type 'unsigned int', but argument 'pc' has type "
                + "'uint64_t'; write \"%08\" PRIx64 instead",
            "t:2:8: note: argument 'pc' is declared here"),
        RuleCase(
            "# swift-tracetool: target-long-bits=16",
            "t:1:1: error: 'target-long-bits=16': target-long-bits must be 32 or 64"),
        // Constructs older tracetools accepted and later QEMU rejected.
        RuleCase(
            "foo() \"x\"",
            "t:1:5: warning: empty argument list, read as '(void)'; QEMU's tracetool rejects '()' in every release "
                + "since 2.0: write '(void)'"),
    ]

    @Test(arguments: diagnosed) func olderDialectRulesReportAtTheToken(_ rule: RuleCase) {
        #expect(rule.actual == rule.expected)
    }

    @Test func aFileWithoutAFinalNewlineIsAWarning() {
        let diagnostics = TraceEventsLoader.load(text: "foo(void)\nbar(int a) \"%d\"", path: "t").diagnostics
        #expect(diagnostics.map(\.description) == [
            "t:2:16: warning: the file does not end with a newline; QEMU 4.0 and later reject such a file"
        ])
    }

    @Test func vcpuAndTCGExpandAsQEMUsTracetoolDid() throws {
        let text = """
            vcpu guest_cpu_enter(void)
            vcpu tcg guest_mem_before(TCGv vaddr, uint16_t info) "info=%d", "vaddr=0x%016"PRIx64" info=%d"

            """
        let (file, diagnostics) = TraceEventsLoader.load(text: text, path: "t")
        #expect(diagnostics.isEmpty)
        let events = file.expandedEvents
        #expect(events.map(\.name) == ["guest_cpu_enter", "guest_mem_before_trans", "guest_mem_before_exec"])
        #expect(events.map { $0.arguments.map { "\($0.type) \($0.name)" } } == [
            ["void * __cpu"], ["void * __cpu", "uint16_t info"], ["void * __cpu", "uint64_t vaddr", "uint16_t info"],
        ])
        #expect(events.map { String(decoding: $0.format?.bytes ?? [], as: UTF8.self) } == [
            "cpu=%p ", "cpu=%p info=%d", "cpu=%p vaddr=0x%016lx info=%d",
        ])
        #expect(events.allSatisfy { $0.properties.isEmpty })
    }

    @Test func listJSONShowsPropertiesImplicitArgumentsAndTheSecondFormat() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dialects-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "vcpu tcg guest_mem_before(TCGv vaddr, uint16_t info) \"info=%d\", \"vaddr=0x%\"PRIx64\" info=%d\"\n"
            .write(to: directory.appendingPathComponent("trace-events"), atomically: true, encoding: .utf8)
        let result = try Tracetool.run(["list", "--json", "trace-events"], in: directory)
        #expect(result.status == 0, "\(result.standardError)")
        let object = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any]
        let files = try #require(object?["files"] as? [[String: Any]])
        let event = try #require((files.first?["events"] as? [[String: Any]])?.first)
        let expected = """
            {"arguments":[{"name":"vaddr","type":"TCGv","typeAsWritten":"TCGv"},\
            {"name":"info","type":"uint16_t","typeAsWritten":"uint16_t"}],"column":10,\
            "executionFormat":{"conversions":["%lx","%d"],"printf":"vaddr=0x%lx info=%d",\
            "source":"\\"vaddr=0x%\\"PRIx64\\" info=%d\\""},\
            "expandedEvents":[{"arguments":[{"name":"__cpu","type":"void *","typeAsWritten":"void *"},\
            {"name":"info","type":"uint16_t","typeAsWritten":"uint16_t"}],\
            "format":{"conversions":["%p","%d"],"printf":"cpu=%p info=%d","source":"\\"cpu=%p \\"\\"info=%d\\""},\
            "name":"guest_mem_before_trans"},\
            {"arguments":[{"name":"__cpu","type":"void *","typeAsWritten":"void *"},\
            {"name":"vaddr","type":"uint64_t","typeAsWritten":"uint64_t"},\
            {"name":"info","type":"uint16_t","typeAsWritten":"uint16_t"}],\
            "format":{"conversions":["%p","%lx","%d"],"printf":"cpu=%p vaddr=0x%lx info=%d",\
            "source":"\\"cpu=%p \\"\\"vaddr=0x%\\"PRIx64\\" info=%d\\""},\
            "name":"guest_mem_before_exec"}],"file":"trace-events","format":{"conversions":["%d"],"printf":"info=%d",\
            "source":"\\"info=%d\\""},"group":"root","implicitArguments":[{"name":"__cpu","type":"void *",\
            "typeAsWritten":"void *"}],"line":1,"name":"guest_mem_before","properties":["vcpu","tcg"],"sourceFile":null}
            """
        let actual = try JSONSerialization.data(withJSONObject: event, options: [.sortedKeys, .withoutEscapingSlashes])
        #expect(String(decoding: actual, as: UTF8.self) == expected)
    }
}
