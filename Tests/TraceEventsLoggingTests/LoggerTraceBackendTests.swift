import Foundation
import Logging
import Testing
import TraceEvents
import TraceEventsLogging
import TraceEventsTestEvents

/// Events forwarded to a swift-log Logger: message, metadata, level and location exactly. The events are fired
/// through their generated functions (Tests/TraceEventsTestEvents/trace-events), so the message and arguments are
/// what a client's build renders. Serialized: the tests install the process-wide backend.
@Suite(.serialized) struct LoggerTraceBackendTests {
    static func event(_ name: String) throws -> TraceEvent {
        try #require(TraceEvents.event(named: name))
    }

    /// The group of the test events: a group-wide level names it.
    static func groupName() throws -> String {
        try #require(try event("lg_events_kinds").group?.name)
    }

    static func backend(logLevel: Logger.Level = .trace, levels: [String: Logger.Level] = [:])
        -> (LoggerTraceBackend, CapturingLogHandler.Store)
    {
        let store = CapturingLogHandler.Store()
        var logger = Logger(label: "lg.test") { _ in CapturingLogHandler(store: store) }
        logger.logLevel = logLevel
        return (LoggerTraceBackend(logger: logger, levels: levels), store)
    }

    @Test func messageMetadataAndLocationAreTheEvents() throws {
        let (backend, store) = Self.backend()
        TestEvents.firing("lg_events_*", to: [backend]) {
            trace_lg_events_kinds("dev0", nil, -3, 4096, UnsafeRawPointer(bitPattern: 0xbeef), true)
            trace_lg_events_kinds("", "x", 0, .max, nil, false)
        }
        let events = store.events.withLock { $0 }
        try #require(events.count == 2)
        let first = events[0]
        #expect(first.level == .debug)
        #expect(first.message.description == "name dev0 missing (null) delta -3 size 4096 at 0xbeef on 1")
        #expect(first.metadata == [
            "trace_event": "lg_events_kinds", "name": "dev0", "missing": "(null)", "delta": .stringConvertible(Int64(-3)),
            "size": .stringConvertible(UInt64(4096)), "at": "0xbeef", "on": .stringConvertible(true),
        ])
        #expect(first.metadata?["delta"]?.description == "-3")
        // The location is the event's line of the trace-events file the provider was generated from.
        let group = try #require(try Self.event("lg_events_kinds").group)
        let declarationLine = try String(contentsOfFile: group.file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.hasPrefix("lg_events_kinds(") }.map { $0 + 1 }
        #expect(first.source == group.name)
        #expect(URL(fileURLWithPath: first.file).resolvingSymlinksInPath() == TestEvents.file.resolvingSymlinksInPath())
        #expect(first.function == "lg_events_kinds")
        #expect(first.line == declarationLine.map(UInt.init))
        #expect(events[1].message.description == "name  missing x delta 0 size \(UInt64.max) at (nil) on 0")
        #expect(events[1].metadata?.mapValues(\.description) == [
            "trace_event": "lg_events_kinds", "name": "", "missing": "x", "delta": "0", "size": "\(UInt64.max)",
            "at": "(nil)", "on": "false",
        ])
    }

    @Test func levelsComeFromTheEventThenItsGroupThenTheDefault() throws {
        let (backend, store) = Self.backend(levels: [try Self.groupName(): .notice, "lg_events_loud": .error])
        TestEvents.firing("lg_events_*", to: [backend]) {
            trace_lg_events_quiet()
            trace_lg_events_loud()
        }
        let unconfigured = Self.backend()
        TestEvents.firing("lg_events_*", to: [unconfigured.0]) { trace_lg_events_quiet() }
        #expect(store.events.withLock { $0.map(\.level) } == [.notice, .error])
        #expect(unconfigured.1.events.withLock { $0.map(\.level) } == [.debug])
        #expect(store.events.withLock { $0.map(\.metadata) } == [["trace_event": "lg_events_quiet"], ["trace_event": "lg_events_loud"]])
    }

    @Test func theLoggersLevelStillFilters() {
        let (backend, store) = Self.backend(logLevel: .info, levels: ["lg_events_loud": .warning])
        TestEvents.firing("lg_events_*", to: [backend]) {
            trace_lg_events_quiet()
            trace_lg_events_loud()
        }
        #expect(store.events.withLock { $0.map(\.message.description) } == ["loud"])
    }
}
