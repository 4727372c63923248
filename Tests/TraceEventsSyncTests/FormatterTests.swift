import Foundation
import Testing
@testable import TraceEventsGeneratorCore

@Suite struct FormatterTests {
    /// What formatting must keep: each event's name, section, properties, types, argument names and format.
    private func meaning(_ text: String) -> [String] {
        TraceEventsParser().parse(text, path: "x").file.events.map { event in
            let arguments = event.arguments.map { "\($0.type)|\($0.name)" }.joined(separator: ",")
            return "\(event.sourceFile ?? "-") \(event.properties) \(event.name)(\(arguments)) \(String(describing: event.format?.pieces))"
        }
    }

    @Test func canonicalSpacing() throws {
        let input = """
            # hw/x.c
            disable   x_one( const char*name ,uint64_t   size,void **opaque)   "%s 0x%" PRIx64 " %p"
            x_two ( void )
            x_three(unsigned  v) "a" "b%u"

            """
        let expected = """
            # hw/x.c
            disable x_one(const char *name, uint64_t size, void **opaque) "%s 0x%"PRIx64" %p"
            x_two(void)
            x_three(unsigned v) "a" "b%u"

            """
        let output = try TraceEventsFormatter().format(input, path: "x")
        #expect(output == expected)
        #expect(meaning(output) == meaning(input))
    }

    @Test func blankLinesAndCommentsAndLineEnds() throws {
        let input = "\n\n# See docs  \n\n\n\na(void)\r\n#   odd   comment\n\n\n"
        #expect(try TraceEventsFormatter().format(input, path: "x") == "# See docs\n\na(void)\n#   odd   comment\n")
        #expect(try TraceEventsFormatter().format("\n\n", path: "x") == "")
    }

    @Test func refusesFilesWithSyntaxErrors() {
        let error = #expect(throws: TraceEventsFormatter.FormatError.self) {
            try TraceEventsFormatter().format("a(void)\nb(int\n", path: "bad")
        }
        #expect(error?.description.hasPrefix("bad:2:") == true)
    }

    @Test func sortingKeepsCommentsWithTheirEventsAndSectionsApart() throws {
        let input = """
            # See docs
            z_pre(void)
            a_pre(void)

            # b.c
            b_zeta(void)
            # about alpha
            b_alpha(void)

            # loose comment

            b_beta(void)
            # a.c
            a_two(void)
            a_one(void)

            """
        let expected = """
            # See docs
            a_pre(void)
            z_pre(void)

            # b.c
            # about alpha
            b_alpha(void)
            b_beta(void)

            # loose comment

            b_zeta(void)
            # a.c
            a_one(void)
            a_two(void)

            """
        let formatter = TraceEventsFormatter(sortsEvents: true)
        let output = try formatter.format(input, path: "x")
        #expect(output == expected)
        #expect(try formatter.format(output, path: "x") == output)
        #expect(meaning(output).sorted() == meaning(input).sorted())
    }

    @Test(.needs(.shared), arguments: [false, true])
    func everySharedQEMUFileFormatsIdempotentlyWithoutChangingMeaning(sorting: Bool) throws {
        let files = try SharedData.qemuTraceEventsFiles()
        #expect(!files.isEmpty)
        try expectIdempotentFormatting(files, sorting: sorting)
    }

    @Test(.needs(.qemu72), arguments: [false, true])
    func qemu72FormatsIdempotentlyWithoutChangingMeaning(sorting: Bool) throws {
        try expectIdempotentFormatting([try QEMU72.acceptedCopy()], sorting: sorting)
    }

    private func expectIdempotentFormatting(_ files: [URL], sorting: Bool) throws {
        let formatter = TraceEventsFormatter(sortsEvents: sorting)
        for url in files {
            let text = try SharedData.text(of: url)
            let once = try formatter.format(text, path: url.path)
            #expect(try formatter.format(once, path: url.path) == once, "\(url.path)")
            if sorting {
                #expect(meaning(once).sorted() == meaning(text).sorted(), "\(url.path)")
                // Sorting only permutes events within a section.
                let sections = { (text: String) in
                    TraceEventsParser().parse(text, path: "x").file.events.map { $0.sourceFile ?? "-" }
                }
                #expect(Set(sections(once)) == Set(sections(text)))
            } else {
                #expect(meaning(once) == meaning(text), "\(url.path)")
            }
        }
    }
}
