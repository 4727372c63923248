import Foundation
import Testing
import TraceEventsGeneratorCore

@Suite struct CorpusParseTests {
    @Test func everyQEMUFileParsesWithoutDiagnosticsAndKeepsEveryEventLine() throws {
        let files = try SharedData.qemuTraceEventsFiles()
        #expect(files.count >= 60)
        var total = 0
        for url in files {
            let text = try String(contentsOf: url, encoding: .utf8)
            let (file, diagnostics) = TraceEventsParser().parse(text, path: url.path)
            #expect(diagnostics.isEmpty, "\(diagnostics.map(\.description).joined(separator: "\n"))")
            let eventLines = text.split(separator: "\n", omittingEmptySubsequences: false).filter {
                let trimmed = $0.trimmingCharacters(in: .whitespaces)
                return !trimmed.isEmpty && !trimmed.hasPrefix("#")
            }
            #expect(file.events.count == eventLines.count, "\(url.path)")
            #expect(file.lines.count == text.split(separator: "\n", omittingEmptySubsequences: false).count - (text.hasSuffix("\n") ? 1 : 0))
            total += file.events.count
        }
        #expect(total > 900)
    }
}
