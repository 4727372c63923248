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
        #expect(headerText.contains("static inline uint32_t _ste_trace_fixture_fixture_strings_on(void)"))
        #expect(swiftText.contains("import TraceFixtureTracepoints"))
        #expect(swiftText.contains("public func trace_fixture_keywords(_ type: Int32, _ `in`: UInt32, _ self_: UInt32, _ `func`: Int32)"))
    }
}

/// Generated functions render their messages for the runtime's stderr backend (trait off).
@Suite struct FixtureStderrTests {
    @Test func enabledEventsPrintQEMULogLines() async throws {
        let executable = try await FixturePackage.shared.executable(lttng: false)
        var environment = ProcessInfo.processInfo.environment
        environment["TRACE_EVENTS"] = "fixture_*"
        let run = try ProcessRunner.run(executable, [], environment: environment, timeout: 60)
        #expect(run.status == 0, "\(run.combined)")
        // Drop the `TID@SECONDS.MICROSECONDS:` prefix; the rest is `NAME MESSAGE` as C printf renders it.
        let lines = run.error.split(separator: "\n").map { line -> String in
            guard let colon = line.firstIndex(of: ":") else { return String(line) }
            return String(line[line.index(after: colon)...])
        }
        let expected = [
            "fixture_strings text hello empty '' missing (null) accented Grüße, 世界",
            "fixture_signed i8 \(Int8.min) i16 \(Int16.min) i32 \(Int32.min) i64 \(Int64.min)",
            "fixture_signed i8 \(Int8.max) i16 \(Int16.max) i32 \(Int32.max) i64 \(Int64.max)",
            "fixture_unsigned u8 0 u16 0 u32 0 u64 0",
            "fixture_unsigned u8 \(UInt8.max) u16 \(UInt16.max) u32 \(UInt32.max) u64 \(UInt64.max)",
            "fixture_c_types c \(CChar.min) sc \(Int8.min) s \(Int16.min) l \(Int.min) ul 0 ll \(Int64.min) ull 0 sz 0 ssz \(Int.min)",
            "fixture_c_types c \(CChar.max) sc \(Int8.max) s \(Int16.max) l \(Int.max) ul \(UInt.max) ll \(Int64.max) ull \(UInt64.max) sz \(UInt.max) ssz \(Int.max)",
            "fixture_pointer_bool opaque 0xdeadbeef null (nil) yes 1 no 0",
            "fixture_keywords type -1 in 2 self 3 func 4",
            "fixture_no_arguments no arguments",
            "fixture_no_format ",
        ]
        #expect(lines == expected, "stderr:\n\(run.error)")
    }
}
