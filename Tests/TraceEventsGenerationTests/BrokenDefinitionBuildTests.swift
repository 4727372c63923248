import Foundation
import Testing
import TraceEventsGeneratorCore

/// A mistake in a trace-events file stops `swift build`, and the build's output carries the diagnostic as
/// `FILE:LINE:COL: error: MESSAGE`, the form SwiftPM and editors show at the line.
@Suite struct BrokenDefinitionBuildTests {
    @Test func swiftBuildStopsAtTheLineOfABadFormat() throws {
        // A copy of the fixture beside the others under .build, its dependency on this package made absolute,
        // with one event whose format does not fit its argument appended.
        let copy = TestPaths.packageRoot.appending(path: ".build/fixtures/BrokenFixture")
        try? FileManager.default.removeItem(at: copy)
        try FileManager.default.createDirectory(at: copy.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: FixturePackage.directory, to: copy)
        for leftover in [".build", "Package.resolved"] { try? FileManager.default.removeItem(at: copy.appending(path: leftover)) }
        let manifest = copy.appending(path: "Package.swift")
        let original = try String(contentsOf: manifest, encoding: .utf8)
        let rewritten = original.replacingOccurrences(of: "path: \"../../..\"", with: "path: \"\(TestPaths.packageRoot.path)\"")
        try #require(rewritten != original, "the fixture's manifest no longer names the package as ../../..")
        try rewritten.write(to: manifest, atomically: true, encoding: .utf8)

        let definitions = copy.appending(path: "trace-events")
        var text = try String(contentsOf: definitions, encoding: .utf8)
        if !text.hasSuffix("\n") { text += "\n" }
        text += "fixture_broken(int value) \"value %s\"\n"
        try text.write(to: definitions, atomically: true, encoding: .utf8)

        // What the core itself says about the file: the build must show exactly this.
        let expected = TraceEventsLoader.load(text: text, path: definitions.path).diagnostics.filter { $0.severity == .error }
        try #require(expected.count == 1, "\(expected)")
        #expect(expected[0].location.line == text.split(separator: "\n", omittingEmptySubsequences: false).count - 1)

        let scratch = TestPaths.packageRoot.appending(path: ".build/fixtures/BrokenFixture-build")
        let result = try ProcessRunner.run(
            tool: "swift", ["build", "--package-path", copy.path, "--scratch-path", scratch.path], timeout: 900)
        #expect(!result.timedOut)
        #expect(result.status != 0, "the build succeeded with a bad trace-events file")
        #expect(result.combined.contains(expected[0].description), "build output:\n\(result.combined.suffix(4000))")
    }
}
