import Foundation
import Testing
import TraceEventsGeneratorCore

/// The pieces `check` and `list` are made of: the run's report and QEMU's group names.
@Suite struct ReportAndGroupTests {
    @Test func theReportIsSilentWhenCleanAndSummarisesOtherwise() {
        var report = DiagnosticReport()
        report.add([])
        #expect(report.lines.isEmpty && !report.hasErrors)
        let location = TextLocation(file: "f", line: 2, column: 3)
        report.add([
            Diagnostic(.error, "bad", at: location), Diagnostic(.note, "because", at: location),
            Diagnostic(.warning, "odd", at: location), Diagnostic(.warning, "odder", at: location),
        ])
        #expect(report.errorCount == 1 && report.warningCount == 2 && report.hasErrors)
        #expect(report.summary == "1 error, 2 warnings in 0 files")
        #expect(report.lines.last == report.summary)
        #expect(report.lines.first == "f:2:3: error: bad")

        var strict = DiagnosticReport(warningsAsErrors: true)
        strict.add([Diagnostic(.warning, "odd", at: location), Diagnostic(.note, "see", at: location)])
        #expect(strict.lines == ["f:2:3: error: odd", "f:2:3: note: see", "1 error, 0 warnings in 0 files"])
    }

    @Test func notesStayAfterTheDiagnosticTheyExplainWhenSorted() {
        func at(_ line: Int, _ column: Int) -> TextLocation { TextLocation(file: "f", line: line, column: column) }
        let sorted = [
            Diagnostic(.error, "late", at: at(3, 9)), Diagnostic(.note, "late's note", at: at(1, 1)),
            Diagnostic(.error, "early", at: at(2, 5)), Diagnostic(.note, "early's note", at: at(2, 1)),
        ].sortedByLocation()
        #expect(sorted.map(\.message) == ["early", "early's note", "late", "late's note"])
    }

    @Test(arguments: [
        ("/q/hw/vfio/trace-events", "/q", "hw_vfio"),
        ("/q/trace-events", "/q", "root"),
        ("/q/hw/vfio/trace-events", "/q/hw", "vfio"),
        ("/q/linux-user/trace-events", "/q", "linux_user"),
        ("/q/a/./b/../c/trace-events", "/q", "a_c"),
    ])
    func groupsAreTheDirectoryChainFromTheRoot(_ path: String, _ root: String, _ group: String) {
        #expect(EventGroupName.group(ofFile: path, root: root) == group)
    }

    @Test func theDefaultRootIsTheCurrentDirectoryOrTheFilesCommonDirectory() {
        #expect(
            EventGroupName.defaultRoot(forFiles: ["hw/vfio/trace-events"], currentDirectory: "/q") == "/q")
        #expect(
            EventGroupName.defaultRoot(
                forFiles: ["/s/qemu/hw/vfio/trace-events", "/s/qemu/trace-events"], currentDirectory: "/work") == "/s/qemu")
        #expect(
            EventGroupName.defaultRoot(
                forFiles: ["/s/qemu/hw/vfio/trace-events", "/s/qemu/hw/pci/trace-events"], currentDirectory: "/w")
                == "/s/qemu/hw")
    }

    @Test func textLinesQuoteThePrintfViewAsACLiteral() throws {
        let text = "# x.c\nev(int a, const char *s) \"\\x1b[%d\\t\" \"\\\\ %s\\\"\\1779\"\n"
        let file = TraceEventsLoader.load(text: text, path: "p").file
        let listing = EventListing(files: [(path: "p", group: "g", file: file)])
        let event = try #require(listing.files.first?.events.first)
        #expect(
            event.textLine.split(separator: "\t", omittingEmptySubsequences: false) == [
                "p:2", "g", "x.c", "ev", "-", "(int a, const char *s)",
                "\"\\x1b[%d\\t\"\"\\\\ %s\\\"\\1779\"",
                "\"\\033[%d\\t\\\\ %s\\\"\\1779\"",
            ])
    }
}
