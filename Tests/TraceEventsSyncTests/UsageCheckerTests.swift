import Testing
@testable import TraceEventsGeneratorCore

@Suite struct UsageCheckerTests {
    /// A fixture: three events, one never called, and a call to a misspelled fourth.
    private func makeFixture() throws -> (ScratchDirectory, eventsPath: String) {
        let scratch = try ScratchDirectory()
        let eventsPath = try scratch.write(
            "trace-events",
            """
            # engine.swift
            engine_start(const char *name) "device %s"
            engine_stop(void)
            engine_unused(int code) "code %d"

            """)
        try scratch.write(
            "Sources/Engine.swift",
            """
            func run(name: String) {
                trace_engine_start(name)
                // trace_engine_unused(1) is commented out, so it does not count
                let message = "trace_engine_unused(2)"
                trace_engine_stpo()
            }

            """)
        try scratch.write("Sources/more/stop.c", "void f(void) { trace_engine_stop(); /* trace_engine_unused(3) */ }\n")
        try scratch.write("Sources/notes.txt", "trace_engine_nothere()\n")
        return (scratch, eventsPath)
    }

    @Test func reportsUnusedEventsAtTheirLineAndUndefinedCallsWithTheClosestName() throws {
        let (scratch, eventsPath) = try makeFixture()
        defer { scratch.remove() }
        let (file, _) = try TraceEventsLoader.load(path: eventsPath)
        let diagnostics = try UsageChecker().check([file], sourcePaths: [scratch.path + "/Sources"])

        #expect(diagnostics.count == 2, "\(diagnostics)")
        let unused = try #require(diagnostics.first { $0.message.contains("never called") })
        #expect(unused.severity == .warning)
        #expect(unused.location == TextLocation(file: eventsPath, line: 4, column: 1))
        #expect(unused.message.contains("engine_unused"))

        let undefined = try #require(diagnostics.first { $0.message.contains("undefined") })
        #expect(undefined.severity == .error)
        #expect(undefined.location == TextLocation(file: scratch.path + "/Sources/Engine.swift", line: 5, column: 5))
        #expect(undefined.message.contains("'trace_engine_stpo'"))
        #expect(undefined.message.contains("did you mean 'trace_engine_stop'"))
        #expect(undefined.message.contains("\(eventsPath):3:1"))
    }

    @Test func unusedCanBeAnError() throws {
        let (scratch, eventsPath) = try makeFixture()
        defer { scratch.remove() }
        let (file, _) = try TraceEventsLoader.load(path: eventsPath)
        let diagnostics = try UsageChecker(unusedSeverity: .error).check([file], sourcePaths: [scratch.path + "/Sources"])
        #expect(diagnostics.filter { $0.severity == .error }.count == 2)
    }

    @Test func cleanSourcesGiveNoDiagnostics() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let (file, _) = TraceEventsLoader.load(text: "a(void)\nb(int x) \"%d\"\n", path: "te")
        let diagnostics = UsageChecker().check([file], sources: [("s.swift", "trace_a(); trace_b(1)")])
        #expect(diagnostics.isEmpty)
        // A hand-written stand-in declaration is not a call of its event.
        let standIn = UsageChecker().check([file], sources: [("s.swift", "func trace_a() {}\nfunc trace_c() {}\ntrace_b(1)")])
        #expect(standIn.map(\.message) == ["event 'a' is defined but trace_a is never called"])
    }

    @Test func missingSourceDirectoryIsAClearError() throws {
        let (file, _) = TraceEventsLoader.load(text: "a(void)\n", path: "te")
        #expect(throws: SourceFileCollector.ReadError.self) {
            try UsageChecker().check([file], sourcePaths: ["/nonexistent/sources"])
        }
    }

    @Test func theFilesDirectiveSetsHowUnusedEventsAreReported() throws {
        let source: [(path: String, text: String)] = [("s.swift", "trace_a()")]
        func messages(_ text: String, override: UnusedEventPolicy? = nil) -> [String] {
            let (file, _) = TraceEventsLoader.load(text: text, path: "te")
            return UsageChecker(unusedPolicyOverride: override).check([file], sources: source).map(\.description)
        }
        let events = "a(void)\nb(int x) \"%d\"\n"
        #expect(messages(events) == ["te:2:1: warning: event 'b' is defined but trace_b is never called"])
        #expect(messages("# swift-tracetool: unused=error\n" + events) == ["te:3:1: error: event 'b' is defined but trace_b is never called"])
        #expect(messages("# swift-tracetool: group=g unused=off\n" + events).isEmpty)
        // A tool option overrides the file.
        #expect(messages("# swift-tracetool: unused=off\n" + events, override: .error).count == 1)
        // A bad value is an error at the directive, and unused events are still reported as warnings.
        #expect(messages("  # swift-tracetool: unused=never\n" + events) == [
            "te:1:3: error: unknown value 'never' for 'unused=': expected warning, error, off",
            "te:3:1: warning: event 'b' is defined but trace_b is never called",
        ])
    }

    @Test func generationAcceptsTheUnusedDirective() throws {
        let (file, _) = TraceEventsLoader.load(text: "# swift-tracetool: unused=off group=g\na(void)\n", path: "te")
        #expect(try GenerationNames.resolve(file: file, defaultGroup: "x").group == "g")
    }
}
