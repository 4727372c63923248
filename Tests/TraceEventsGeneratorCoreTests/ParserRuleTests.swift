import Testing
import TraceEventsGeneratorCore

/// The syntax rules: what a line may look like, and the error (with its column) for each way it can be wrong.
@Suite struct ParserRuleTests {
    static let valid: [RuleCase] = [
        RuleCase("foo(void)"),
        RuleCase("disable foo(void)"),
        RuleCase("  foo( void ) \"x\"  "),
        RuleCase("foo(int a)"),
        RuleCase("foo(int a) \"a=%d\""),
        RuleCase("# a comment\n\n# hw/vfio/pci.c\nfoo(void)"),
        RuleCase("foo(unsigned long long int x, long unsigned int y, unsigned z, signed w) \"%llu %lu %u %d\""),
        RuleCase("foo(const char* s, char *t, const char fifo, char * const p, const void *v) \"%s %s %c %p %p\""),
        RuleCase("foo(char **argv, uint64_t *addr, void **slot) \"%p %p %p\""),
        // Tricky lines from QEMU's files.
        RuleCase(
            "vfio_region_setup(const char *dev, int index, const char *name, unsigned long flags, unsigned long offset, "
                + "unsigned long size) \"Device %s, region %d \\\"%s\\\", flags: 0x%lx, offset: 0x%lx, size: 0x%lx\""),
        RuleCase("xen_map_ioreq_server_shared_page(long unsigned int ioreq_pfn) \"shared page at pfn 0x%lx\""),
        RuleCase(
            "asc_read_fifo(const char fifo, int reg, unsigned size, uint64_t value) "
                + "\"fifo %c reg=0x%03x size=%u value=0x%\"PRIx64"),
        RuleCase(
            "empty_slot_write(uint64_t addr, unsigned width, uint64_t value, unsigned size, const char *name) "
                + "\"wr addr:0x%04\"PRIx64\" data:0x%0*\"PRIx64\" size %u [%s]\""),
        RuleCase(
            "sdcard_read_data(const char *proto, const char *cmd_desc, uint8_t cmd, uint32_t offset, uint64_t size, "
                + "uint32_t blklen) \"%s %20s/ CMD%02d ofs %\"PRIu32\" size %\"PRIu64\" blklen %\" PRIu32"),
        RuleCase(
            "led_set_intensity(const char *color, const char *desc, uint8_t intensity_percent) "
                + "\"LED desc:'%s' color:%s intensity: %u%%\""),
    ]

    @Test(arguments: valid) func validLinesHaveNoDiagnostics(_ rule: RuleCase) {
        #expect(rule.actual == rule.expected)
    }

    static let invalid: [RuleCase] = [
        RuleCase("(void)", "t:1:1: error: expected an event name"),
        RuleCase("foo-bar(void)", "t:1:1: error: event name 'foo-bar' is not a valid C identifier"),
        RuleCase("9lives(void)", "t:1:1: error: event name '9lives' is not a valid C identifier"),
        RuleCase("disable foo.bar(void)", "t:1:9: error: event name 'foo.bar' is not a valid C identifier"),
        RuleCase("foo bar", "t:1:8: error: expected '(' after event name 'bar'"),
        RuleCase("foo \"x\"", "t:1:5: error: expected '(' after event name 'foo', found '\"'"),
        RuleCase(
            "enable foo(void)", "t:1:1: error: unknown property 'enable' (QEMU's properties are 'disable', 'vcpu' and 'tcg')"),
        RuleCase("foo(int a \"x\"", "t:1:4: error: expected ')' to close the argument list opened here"),
        RuleCase("foo(int) \"x\"", "t:1:5: error: argument needs a type and a name"),
        RuleCase("foo(int a, ) \"x\"", "t:1:11: error: empty argument"),
        RuleCase("foo(int a,  void) \"x\"", "t:1:13: error: 'void' must be the only argument; it means the event has none"),
        RuleCase("foo(int a[4]) \"x\"", "t:1:10: error: unexpected '[' in argument"),
        RuleCase("foo(void x) \"x\"", "t:1:5: error: an argument cannot have type 'void'; write '(void)' for no arguments"),
        RuleCase("foo(short short x) \"x\"", "t:1:5: error: 'short short' is not a valid C type"),
        RuleCase("foo(int * long x) \"x\"", "t:1:11: error: 'long' after '*' in a type"),
        RuleCase(
            "foo(struct bar *p) \"%p\"",
            "t:1:5: error: argument type 'struct bar *' is not allowed ('struct' is not a standard C or fixed-width "
                + "integer type); \(allowedTypesAdvice)"),
        RuleCase(
            "foo(int a, Error *err) \"%d %p\"",
            "t:1:12: error: argument type 'Error *' is not allowed ('Error' is not a standard C or fixed-width "
                + "integer type); \(allowedTypesAdvice)"),
        RuleCase("foo(int a) \"unterminated", "t:1:12: error: unterminated string literal in format"),
        RuleCase("foo(int a) \"bad \\q\"", "t:1:17: error: invalid escape sequence in string literal"),
        RuleCase(
            "foo(int a) \"%d\" PRIq64",
            "t:1:17: error: unknown macro 'PRIq64' in format; only <inttypes.h> PRI macros and QEMU's HWADDR_PRI*, "
                + "TARGET_FMT_* and RAM_ADDR_FMT may stand between strings"),
        RuleCase(
            "foo(int a) \"%d\" , \"x\"",
            "t:1:17: error: a second format after ',' is only allowed in an event with the 'tcg' property"),
        RuleCase("foo(int a) \"%d\" ; \"x\"", "t:1:17: error: expected a string literal or a PRI macro in format, found ';'"),
        RuleCase("foo(int a) \"%q\"", "t:1:13: error: unknown conversion '%q' in format"),
        RuleCase(
            "foo(int a) \"a=%f\"",
            "t:1:15: error: format '%f' expects an argument of type 'double', but argument 'a' has type 'int'; write %d "
                + "instead",
            "t:1:5: note: argument 'a' is declared here"),
        RuleCase(
            "foo(int a) \"%n\"",
            "t:1:13: error: conversion '%n' writes through its argument and is not allowed in a trace format"),
        RuleCase("foo(int a) \"a=%\"", "t:1:15: error: incomplete conversion '%' at the end of the format"),
        RuleCase(
            "foo(int a) \"%1$d\"",
            "t:1:13: error: positional argument '%1$' in format; trace formats take their arguments in order"),
        // Messages stay on one line: what follows the '%' is quoted with C escapes.
        RuleCase("foo(int a) \"%\\n\"", "t:1:13: error: unknown conversion '%\\n' in format"),
        RuleCase("foo(int a) \"%é\"", "t:1:13: error: unknown conversion '%\\xc3' in format"),
        // One run reports every bad line, each on its own line number.
        RuleCase(
            "foo(int) \"x\"\n# fine\nbar(void)\nbaz(Error *e)",
            "t:1:5: error: argument needs a type and a name",
            "t:4:5: error: argument type 'Error *' is not allowed ('Error' is not a standard C or fixed-width "
                + "integer type); \(allowedTypesAdvice)"),
    ]

    @Test(arguments: invalid) func invalidLinesReportTheirErrorAtTheOffendingToken(_ rule: RuleCase) {
        #expect(rule.actual == rule.expected)
    }

    @Test func eventsKeepPropertiesArgumentsFormatsAndTheirSourceFileComment() throws {
        let text = """
            # hw/vfio/pci.c
            disable vfio_x(const char* name, uint64_t addr) "%s 0x%" PRIx64 " %%"
            # A prose comment, not a file name.
            vfio_y(void)

            # migration.c
              vfio_z(int a)
            """
        let (file, diagnostics) = TraceEventsLoader.load(text: text + "\n", path: "t")
        #expect(diagnostics.isEmpty)
        #expect(file.lines.count == 7)
        let events = file.events
        try #require(events.count == 3)
        #expect(events.map(\.name) == ["vfio_x", "vfio_y", "vfio_z"])
        #expect(events.map(\.sourceFile) == ["hw/vfio/pci.c", "hw/vfio/pci.c", "migration.c"])
        #expect(events[0].isDisabled && !events[1].isDisabled)
        #expect(events[0].arguments.map(\.type.description) == ["const char *", "uint64_t"])
        #expect(events[0].arguments.map(\.typeSpelling) == ["const char*", "uint64_t"])
        #expect(events[0].arguments.map(\.nameLocation.column) == [28, 43])
        let format = try #require(events[0].format)
        #expect(format.source == "\"%s 0x%\"PRIx64\" %%\"")
        #expect(String(decoding: format.bytes, as: UTF8.self) == "%s 0x%lx %%")
        #expect(format.conversions.map(\.text) == ["%s", "%lx"])
        #expect(format.conversions.map(\.location.column) == [50, 55])
        #expect(events[1].format == nil && events[1].arguments.isEmpty)
        #expect(events[2].location.line == 7 && events[2].location.column == 3)
    }

    @Test(arguments: [
        ("PRId8", "d"), ("PRIu16", "u"), ("PRIx32", "x"), ("PRIX64", "lX"), ("PRIo64", "lo"), ("PRIiPTR", "li"),
        ("PRIxLEAST8", "x"), ("PRIuLEAST32", "u"), ("PRIdLEAST64", "ld"), ("PRIxFAST8", "x"), ("PRIxFAST16", "lx"),
        ("PRIuFAST32", "lu"), ("PRIdFAST64", "ld"), ("PRIxMAX", "lx"), ("PRIdMAX", "ld"),
    ])
    func inttypesMacrosExpandAsOnLP64Glibc(_ macro: String, _ expansion: String) {
        #expect(InttypesMacros.expansion(of: macro) == expansion)
    }

    @Test(arguments: ["PRIx", "PRIq64", "PRIx128", "PRIxFAST", "PRIs64", "SCNx64", "PRIxLEAST"])
    func otherNamesAreNotInttypesMacros(_ macro: String) {
        #expect(InttypesMacros.expansion(of: macro) == nil)
    }
}
