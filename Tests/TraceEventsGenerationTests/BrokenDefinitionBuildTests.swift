import Foundation
import Testing
import TraceEventsGeneratorCore

/// A mistake in a trace-events file stops `swift build`, and the build's output carries the diagnostic as
/// `FILE:LINE:COL: error: MESSAGE`, the form SwiftPM and editors show at the line.
@Suite struct BrokenDefinitionBuildTests {
    @Test func swiftBuildStopsAtTheLineOfABadFormat() async throws {
        try await MutableFixture.shared.run { copy in
            // One event whose format does not fit its argument, appended.
            try copy.edit("trace-events") { ($0.hasSuffix("\n") ? $0 : $0 + "\n") + "fixture_broken(int value) \"value %s\"\n" }
            let definitions = copy.url("trace-events")
            let text = try copy.read("trace-events")

            // What the core itself says about the file: the build must show exactly this.
            let expected = TraceEventsLoader.load(text: text, path: definitions.path).diagnostics.filter { $0.severity == .error }
            try #require(expected.count == 1, "\(expected)")
            #expect(expected[0].location.line == text.split(separator: "\n", omittingEmptySubsequences: false).count - 1)

            let result = try copy.build()
            #expect(!result.timedOut)
            #expect(result.status != 0, "the build succeeded with a bad trace-events file")
            #expect(result.combined.contains(expected[0].description), "build output:\n\(result.combined.suffix(4000))")
        }
    }
}
