import Foundation
import Testing
import TraceEvents

/// Patterns applied to registered events: QEMU's order, negation and warning semantics.
@Suite struct PatternApplicationTests {
    private func states(_ events: [String: TraceEvent]) -> [String: Bool] {
        events.mapValues(\.isEnabled)
    }

    @Test func laterPatternsWin() {
        let events = registerTestGroup("pa_order", ["save_setup", "save_buffer", "load_state"])
        let diagnostics = TraceEvents.apply([TracePatternLine("pa_order_*"), TracePatternLine("-pa_order_save_buffer")])
        #expect(diagnostics.isEmpty)
        #expect(states(events) == ["save_setup": true, "save_buffer": false, "load_state": true])

        TraceEvents.apply([TracePatternLine("-pa_order_*"), TracePatternLine("pa_order_save_?uffer")])
        #expect(states(events) == ["save_setup": false, "save_buffer": true, "load_state": false])
        #expect(TraceEvents.isEnabled("pa_order_save_buffer") == true)
        #expect(TraceEvents.isEnabled("pa_order_nonexistent") == nil)
    }

    @Test func enableDisableAndQueryAtRunTime() {
        let events = registerTestGroup("pa_api", ["a", "b"])
        #expect(TraceEvents.enable("pa_api_*").isEmpty)
        #expect(states(events) == ["a": true, "b": true])
        #expect(TraceEvents.disable("pa_api_a").isEmpty)
        #expect(states(events) == ["a": false, "b": true])
        #expect(TraceEvents.enabledEvents.contains(events["b"]!))
        #expect(!TraceEvents.enabledEvents.contains(events["a"]!))
        let malformed = TraceEvents.enable("-pa_api_a")
        #expect(malformed.count == 1 && malformed[0].severity == .error)
        #expect(!events["a"]!.isEnabled)
    }

    @Test func unmatchedPatternsWarn() {
        _ = registerTestGroup("pa_warn", ["x"])
        let glob = TraceEvents.apply([TracePatternLine("pa_warn_nothing_*", origin: "TRACE_EVENTS")])
        #expect(glob.map(\.description) == ["TRACE_EVENTS: warning: pattern 'pa_warn_nothing_*' matches no trace event"])
        let exact = TraceEvents.apply([TracePatternLine("-pa_warn_typo", origin: "f:3")])
        #expect(exact.map(\.description) == ["f:3: warning: trace event 'pa_warn_typo' does not exist"])
    }

    @Test func disabledEventsStayOff() {
        let events = registerTestGroup("pa_dis", ["on", "off"], disabled: ["off"])
        #expect(TraceEvents.enable("pa_dis_*").isEmpty, "a glob skips disabled events silently")
        #expect(states(events) == ["on": true, "off": false])
        let exact = TraceEvents.enable("pa_dis_off")
        #expect(exact.count == 1)
        #expect(exact.first?.message.contains("not traceable") == true)
        #expect(!events["off"]!.isEnabled)
        #expect(!events["off"]!.isTraceable)
    }

    @Test func malformedPatternIsReportedAndOthersApply() {
        let events = registerTestGroup("pa_bad", ["a"])
        let diagnostics = TraceEvents.apply([
            TracePatternLine("pa bad", origin: "events:1"), TracePatternLine("pa_bad_a", origin: "events:2"),
        ])
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.severity == .error)
        #expect(diagnostics.first?.description.hasPrefix("events:1: error: invalid trace event pattern 'pa bad'") == true)
        #expect(events["a"]!.isEnabled)
    }

    @Test func eventsFileWithComments() throws {
        let events = registerTestGroup("pa_file", ["a", "b", "c"])
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("pa_file_\(UInt64.random(in: 0...UInt64.max)).events").path
        try """
            # QEMU -trace events=FILE
            pa_file_*
            -pa_file_b # not this one
            #pa_file_b
            pa_file_typo
            """.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        guard case .success(let lines) = TracePatternSource.patterns(inFile: path) else {
            Issue.record("could not read \(path)")
            return
        }
        let diagnostics = TraceEvents.apply(lines)
        #expect(states(events) == ["a": true, "b": false, "c": true])
        #expect(diagnostics.map(\.description) == ["\(path):5: warning: trace event 'pa_file_typo' does not exist"])
    }

    @Test func groupsRegisteredLaterFollowEarlierPatterns() {
        TraceEvents.enable("pa_late_*")
        TraceEvents.disable("pa_late_quiet")
        let events = registerTestGroup("pa_late", ["loud", "quiet"])
        #expect(states(events) == ["loud": true, "quiet": false])
    }

    @Test func registryDescribesEvents() throws {
        let group = TraceEvents.registerGroup(name: "pa_meta", provider: "pa_meta_provider", file: "hw/vfio/trace-events", events: [
            TraceEventDefinition(
                name: "pa_meta_save_setup", format: " (%s) data buffer size 0x%lx",
                formatSource: "\" (%s) data buffer size 0x%\"PRIx64",
                arguments: [TraceEventArgument(type: "const char *", name: "name"),
                            TraceEventArgument(type: "uint64_t", name: "data_buffer_size")],
                line: 42, sourceFile: "migration.c"),
        ])
        let event = try #require(TraceEvents.event(named: "pa_meta_save_setup"))
        #expect(event.group == group)
        #expect(group.name == "pa_meta" && group.provider == "pa_meta_provider" && group.file == "hw/vfio/trace-events")
        #expect(event.line == 42 && event.sourceFile == "migration.c")
        #expect(event.format == " (%s) data buffer size 0x%lx")
        #expect(event.formatSource == "\" (%s) data buffer size 0x%\"PRIx64")
        #expect(event.arguments.map(\.description) == ["const char *name", "uint64_t data_buffer_size"])
        let id = try #require(event.id)
        #expect(TraceEvents.allEvents[id] == event)
        #expect(TraceEvents.listing().split(separator: "\n").contains("pa_meta_save_setup"))
        let verbose = TraceEvents.listing(verbose: true)
        #expect(verbose.contains(
            "off     pa_meta_save_setup(const char *name, uint64_t data_buffer_size) \" (%s) data buffer size 0x%lx\" "
                + "[pa_meta hw/vfio/trace-events:42]"))
    }
}
