import Foundation
import Testing

/// The build plugin keeps definitions and calls in step at every `swift build`: an unused event is a warning at
/// its trace-events line, a call of an undefined event an error at the call naming the closest event, and the
/// check reruns only when a source or the trace-events file changed.
@Suite struct SyncBuildTests {
    @Test func buildReportsUnusedEventsAndUndefinedCallsIncrementally() async throws {
        try await MutableFixture.shared.run { copy in
            try copy.edit("trace-events") { $0 + "fixture_never_called(int value) \"value %d\"\n" }
            try copy.edit("Sources/TraceFixture/main.swift") {
                $0.replacingOccurrences(of: "trace_fixture_no_arguments()", with: "trace_fixture_no_argumnts()")
            }
            let events = copy.url("trace-events").path
            let main = copy.url("Sources/TraceFixture/main.swift").path
            // Where the diagnostics must point, found in the texts themselves.
            let definitions = try copy.read("trace-events").components(separatedBy: "\n")
            let unusedLine = try #require(definitions.firstIndex { $0.hasPrefix("fixture_never_called(") }) + 1
            let definedLine = try #require(definitions.firstIndex { $0.hasPrefix("fixture_no_arguments(") }) + 1
            let callLine = try #require(try copy.read("Sources/TraceFixture/main.swift").components(separatedBy: "\n")
                .firstIndex { $0.hasPrefix("trace_fixture_no_argumnts()") }) + 1
            let unused = "\(events):\(unusedLine):1: warning: event 'fixture_never_called' is defined but trace_fixture_never_called is never called"
            let undefined = "\(main):\(callLine):1: error: call of undefined trace event 'trace_fixture_no_argumnts'; "
                + "did you mean 'trace_fixture_no_arguments' (defined at \(events):\(definedLine):1)?"

            let broken = try copy.build()
            #expect(broken.status != 0, "a call of an undefined event built")
            #expect(broken.combined.contains(undefined), "\(broken.combined.suffix(4000))")
            #expect(broken.combined.contains(unused), "\(broken.combined.suffix(4000))")
            // Our error stops the build before the compiler sees the call.
            #expect(!broken.combined.contains("cannot find 'trace_fixture_no_argumnts' in scope"), "\(broken.combined.suffix(4000))")

            try copy.edit("Sources/TraceFixture/main.swift") {
                $0.replacingOccurrences(of: "trace_fixture_no_argumnts()", with: "trace_fixture_no_arguments()")
            }
            let fixed = try copy.build()
            #expect(fixed.status == 0, "\(fixed.combined.suffix(4000))")
            #expect(fixed.combined.contains(unused), "\(fixed.combined.suffix(4000))")
            #expect(!fixed.combined.contains("error:"), "\(fixed.combined.suffix(4000))")

            // A no-op build runs nothing; SwiftPM reruns plugin commands once more right after the plugin changed.
            _ = try copy.build()
            let noOp = try copy.build()
            #expect(noOp.status == 0)
            #expect(!noOp.combined.contains("never called"), "a no-op build ran the check:\n\(noOp.combined)")
            #expect(Self.work(in: noOp).isEmpty, "a no-op build did work:\n\(noOp.combined)")

            // A comment-only edit reruns the check but recompiles nothing generated.
            let generated = copy.scratchPath.appending(path: "plugins/outputs/mutablefixture/TraceFixture/destination/TraceEventsPlugin")
            let generatedFiles = ["TraceFixture+TraceEvents.swift", "TraceFixture+TraceEventsSync.swift"].map { generated.appending(path: $0) }
            let before = try generatedFiles.map { try Self.modificationDate($0) }
            try copy.edit("Sources/TraceFixture/main.swift") { $0 + "// a comment\n" }
            let commented = try copy.build()
            #expect(commented.status == 0, "\(commented.combined.suffix(4000))")
            #expect(commented.combined.contains(unused), "the edit did not rerun the check:\n\(commented.combined)")
            #expect(!commented.combined.contains("Generating"), "\(commented.combined)")
            let work = Self.work(in: commented)
            #expect(work.contains("Compiling TraceFixture main.swift"), "\(commented.combined)")
            #expect(work.allSatisfy { !$0.contains("+TraceEvents") && !$0.contains("Tracepoints") }, "\(commented.combined)")
            #expect(try generatedFiles.map { try Self.modificationDate($0) } == before)
        }
    }

    @Test func theFilesDirectiveMakesUnusedEventsErrorsOrSilent() async throws {
        try await MutableFixture.shared.run { copy in
            try copy.edit("trace-events") { $0 + "# swift-tracetool: unused=error\nfixture_never_called(int value) \"value %d\"\n" }
            let events = copy.url("trace-events").path
            let line = try copy.read("trace-events").components(separatedBy: "\n").count - 1
            let asError = try copy.build()
            #expect(asError.status != 0)
            #expect(asError.combined.contains("\(events):\(line):1: error: event 'fixture_never_called' is defined but trace_fixture_never_called is never called"),
                "\(asError.combined.suffix(4000))")

            try copy.edit("trace-events") { $0.replacingOccurrences(of: "unused=error", with: "unused=off") }
            let off = try copy.build()
            #expect(off.status == 0, "\(off.combined.suffix(4000))")
            #expect(!off.combined.contains("never called"), "\(off.combined.suffix(4000))")
        }
    }

    /// The compile and link steps of a build's output (SwiftPM re-checks package plugins on every build).
    static func work(in result: ProcessRunner.Result) -> [String] {
        result.output.split(separator: "\n").compactMap { line -> String? in
            guard (line.contains("Compiling") && !line.contains("Compiling plugin")) || line.contains("Linking") else { return nil }
            guard let bracket = line.firstIndex(of: "]") else { return String(line) }
            return String(line[line.index(after: bracket)...]).trimmingCharacters(in: .whitespaces)
        }
    }

    static func modificationDate(_ url: URL) throws -> Date {
        try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date)
    }
}
