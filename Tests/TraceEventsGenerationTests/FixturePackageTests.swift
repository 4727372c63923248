import Foundation
import Testing

/// The build plugin applied to a client package (Tests/Fixtures/TraceFixture), LTTng trait off.
@Suite(.serialized) struct FixturePackageTests {
    @Test func fixtureBuildsAndRunsWithoutLTTng() async throws {
        let executable = try await FixturePackage.shared.executable(lttng: false)
        let run = try ProcessRunner.run(executable, [], timeout: 60)
        #expect(run.status == 0, "\(run.combined)")
        #expect(run.output == "fired\n")
        // Every event is off by default: nothing reaches the stderr backend.
        #expect(run.error.isEmpty, "\(run.error)")
    }

    @Test func noOpRebuildRunsNothing() async throws {
        _ = try await FixturePackage.shared.executable(lttng: false)
        // Right after the plugin itself changed, SwiftPM 6.3 reruns its commands once more on the next
        // build; a build after that must do nothing.
        _ = try FixturePackage.build(lttng: false, timeout: 300)
        let again = try FixturePackage.build(lttng: false, timeout: 300)
        #expect(again.status == 0, "\(again.combined)")
        #expect(!again.output.contains("Generating"), "a no-op build ran the generator:\n\(again.output)")
        // SwiftPM re-checks package plugins ("Compiling plugin X") on every build; nothing else may compile.
        let work = again.output.split(separator: "\n").filter {
            ($0.contains("Compiling") && !$0.contains("Compiling plugin")) || $0.contains("Linking")
        }
        #expect(work.isEmpty, "a no-op build did work:\n\(work.joined(separator: "\n"))")
    }

    @Test func generatedFilesAreWhereTheCTargetFindsThem() async throws {
        _ = try await FixturePackage.shared.executable(lttng: false)
        let outputs = FixturePackage.scratchPath(lttng: false).appending(path: "plugins/outputs/tracefixture")
        let header = outputs.appending(path: "TraceFixtureTracepoints/destination/TraceEventsPlugin/include/TraceFixtureTracepoints_generated.h")
        let swift = outputs.appending(path: "TraceFixture/destination/TraceEventsPlugin/TraceFixture+TraceEvents.swift")
        let headerText = try String(contentsOf: header, encoding: .utf8)
        let swiftText = try String(contentsOf: swift, encoding: .utf8)
        #expect(headerText.contains("static inline bool _ste_trace_fixture_fixture_strings_on(void)"))
        #expect(swiftText.contains("import TraceFixtureTracepoints"))
        #expect(swiftText.contains("public func trace_fixture_keywords(_ type: Int32, _ `in`: UInt32, _ self_: UInt32, _ `func`: Int32)"))
    }
}
