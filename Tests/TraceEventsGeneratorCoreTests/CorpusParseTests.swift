import Foundation
import Testing
import TraceEventsGeneratorCore

@Suite struct CorpusParseTests {
    @Test(.needs(.shared)) func everySharedQEMUFileParsesWithoutDiagnosticsAndKeepsEveryEventLine() throws {
        let files = try SharedData.qemuTraceEventsFiles()
        #expect(files.count >= 60)
        #expect(try Self.parseKeepingEveryLine(files) > 900)
    }

    @Test(.needs(.qemu72)) func qemu72TraceEventsAllParsesWithoutDiagnosticsAndKeepsEveryEventLine() throws {
        #expect(try Self.parseKeepingEveryLine([QEMU72.acceptedCopy()]) > 5_000)
    }

    /// Parses each file, expecting no diagnostic and one event per event line; returns the events.
    static func parseKeepingEveryLine(_ files: [URL]) throws -> Int {
        var total = 0
        for url in files {
            let text = try String(contentsOf: url, encoding: .utf8)
            let (file, diagnostics) = TraceEventsParser().parse(text, path: url.path)
            #expect(diagnostics.isEmpty, "\(diagnostics.map(\.description).joined(separator: "\n"))")
            #expect(file.events.count == CorpusCheckTests.eventLineCount(text), "\(url.path)")
            #expect(file.lines.count == text.split(separator: "\n", omittingEmptySubsequences: false).count - (text.hasSuffix("\n") ? 1 : 0))
            total += file.events.count
        }
        return total
    }
}
