import Glibc
import Testing
import TraceEvents

/// Parsing and matching of single patterns (QEMU's glob grammar), independent of any registered event.
@Suite struct TraceEventPatternTests {
    @Test func parsesEnableAndDisable() throws {
        let on = try TraceEventPattern("vfio_*")
        #expect(on.enables && on.glob == "vfio_*" && on.isGlob)
        let off = try TraceEventPattern("  -vfio_save_buffer ")
        #expect(!off.enables && off.glob == "vfio_save_buffer" && !off.isGlob)
        #expect(off.description == "-vfio_save_buffer")
    }

    @Test(arguments: [
        ("vfio_save_setup", "vfio_save_setup", true),
        ("vfio_save_setup", "vfio_save_setupx", false),
        ("vfio_*", "vfio_save_setup", true),
        ("vfio_*", "vfio_", true),
        ("vfio_*", "vfi", false),
        ("*_setup", "vfio_save_setup", true),
        ("*", "anything", true),
        ("vfio_?ave_*", "vfio_save_setup", true),
        ("vfio_?ave_*", "vfio_ave_setup", false),
        ("a*b*c", "aXXbYYbZZc", true),
        ("a*b*c", "aXXbYYcZZ", false),
        ("VFIO_*", "vfio_save_setup", false),
        ("????", "abcd", true),
        ("????", "abc", false),
    ])
    func matches(_ glob: String, _ name: String, _ expected: Bool) throws {
        #expect(try TraceEventPattern(glob).matches(name) == expected)
    }

    @Test(arguments: [
        ("", "empty"),
        ("   ", "empty"),
        ("-", "'-' must be followed"),
        ("--vfio", "only one leading '-' is allowed"),
        ("vfio-save", "'-' may only start a pattern"),
        ("vfio save", "character ' ' at offset 4"),
        ("-vfio save", "character ' ' at offset 5"),
        ("-vfio-save", "found one at offset 5"),
        ("vfio_[ab]", "character '['"),
        ("vfio_é", "character 'é'"),
    ])
    func rejectsMalformedPatterns(_ text: String, _ reason: String) {
        #expect {
            _ = try TraceEventPattern(text)
        } throws: { error in
            guard let error = error as? TraceEventPatternError else { return false }
            return error.pattern == text && error.description.contains(reason)
        }
    }

    @Test func globsCannotStartWithMinus() {
        #expect {
            _ = try TraceEventPattern(glob: "-vfio", enables: true)
        } throws: { error in
            (error as? TraceEventPatternError)?.reason.hasPrefix("a glob cannot start with '-'") == true
        }
    }

    @Test func listsAndFilesAreSplitLikeQEMU() {
        let list = TracePatternSource.patterns(inList: "vfio_*, -vfio_save_buffer,,", origin: "TRACE_EVENTS")
        #expect(list.map(\.text) == ["vfio_*", "-vfio_save_buffer"])
        #expect(list.allSatisfy { $0.origin == "TRACE_EVENTS" })

        let file = """
            # enable the migration events
            vfio_*

              -vfio_save_buffer   # too noisy
            #-vfio_load_state
            help
            """
        let lines = TracePatternSource.patterns(inFileContents: file, path: "events.txt")
        #expect(lines.map(\.text) == ["vfio_*", "-vfio_save_buffer", "help"])
        #expect(lines.map(\.origin) == ["events.txt:2", "events.txt:4", "events.txt:6"])
        #expect(lines.map(\.isHelpRequest) == [false, false, true])
    }

    @Test func traceOptionsFollowQEMUsSyntax() throws {
        let path = "/tmp/ste_trace_option_\(getpid())_\(UInt32.random(in: 0...UInt32.max)).events"
        let contents = "# from a file\nvfio_load_*\n"
        #expect(contents.withCString { text in
            let file = fopen(path, "w")
            defer { if file != nil { fclose(file) } }
            return file != nil && fputs(text, file) >= 0
        })
        defer { unlink(path) }
        let (lines, diagnostics) = TracePatternSource.patterns(
            inTraceOption: "vfio_*,enable=-vfio_save_buffer,events=\(path),help,file=trace.out")
        #expect(lines.map(\.text) == ["vfio_*", "-vfio_save_buffer", "vfio_load_*", "help"])
        #expect(lines.map(\.origin) == ["--trace", "--trace", "\(path):2", "--trace"])
        // file= names the simple backend's file: not a pattern, not an error.
        #expect(diagnostics.isEmpty)
        let missing = TracePatternSource.patterns(inTraceOption: "events=/nonexistent/events")
        #expect(missing.patterns.isEmpty)
        #expect(missing.diagnostics.first?.description.hasPrefix("/nonexistent/events: error: cannot read") == true)
    }

    @Test func unreadableEventsFileIsAnError() {
        let result = TracePatternSource.patterns(inFile: "/nonexistent/trace-events-patterns")
        guard case .failure(let diagnostic) = result else {
            Issue.record("reading a missing file succeeded")
            return
        }
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.description.hasPrefix("/nonexistent/trace-events-patterns: error: cannot read events file"))
    }
}
