import Logging
import Testing
import TraceEvents
import TraceEventsLogging

/// Events forwarded to a swift-log Logger: message, metadata, level and location exactly.
@Suite struct LoggerTraceBackendTests {
    static let group = TraceEvents.registerGroup(name: "lg_events", file: "logging/trace-events", events: [
        TraceEventDefinition(
            name: "lg_events_kinds", format: "name %s missing %s delta %d size %u at %p on %d",
            arguments: [
                TraceEventArgument(type: "const char *", name: "name"),
                TraceEventArgument(type: "const char *", name: "missing"),
                TraceEventArgument(type: "int", name: "delta"),
                TraceEventArgument(type: "uint64_t", name: "size"),
                TraceEventArgument(type: "void *", name: "at"),
                TraceEventArgument(type: "bool", name: "on"),
            ],
            line: 3),
        TraceEventDefinition(name: "lg_events_quiet", format: "quiet", line: 4),
        TraceEventDefinition(name: "lg_events_loud", format: "loud", line: 5),
    ])

    static func event(_ name: String) -> TraceEvent {
        group.events.first { $0.name == name }!
    }

    static func record(_ name: String, _ arguments: [TraceValue], message: String) -> TraceRecord {
        var buffer = PrintfBuffer()
        buffer.appendBytes(Array(message.utf8))
        return TraceRecord(
            event: event(name), arguments: arguments, message: buffer,
            timestamp: TraceTimestamp(seconds: 0, nanoseconds: 0), threadID: 1)
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
        backend.record(Self.record(
            "lg_events_kinds", [.string("dev0"), .string(nil), .signed(-3), .unsigned(4096), .pointer(0xbeef), .bool(true)],
            message: "name dev0 missing (null) delta -3 size 4096 at 0xbeef on 1"))
        backend.record(Self.record("lg_events_kinds", [.string(""), .string("x"), .signed(0), .unsigned(.max), .pointer(0), .bool(false)],
                                   message: "m"))
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
        #expect(first.source == "lg_events")
        #expect(first.file == "logging/trace-events")
        #expect(first.function == "lg_events_kinds")
        #expect(first.line == 3)
        #expect(events[1].metadata?.mapValues(\.description) == [
            "trace_event": "lg_events_kinds", "name": "", "missing": "x", "delta": "0", "size": "\(UInt64.max)",
            "at": "(nil)", "on": "false",
        ])
    }

    @Test func levelsComeFromTheEventThenItsGroupThenTheDefault() {
        let (backend, store) = Self.backend(levels: ["lg_events": .notice, "lg_events_loud": .error])
        backend.record(Self.record("lg_events_quiet", [], message: "quiet"))
        backend.record(Self.record("lg_events_loud", [], message: "loud"))
        let unconfigured = Self.backend()
        unconfigured.0.record(Self.record("lg_events_quiet", [], message: "quiet"))
        #expect(store.events.withLock { $0.map(\.level) } == [.notice, .error])
        #expect(unconfigured.1.events.withLock { $0.map(\.level) } == [.debug])
        #expect(store.events.withLock { $0.map(\.metadata) } == [["trace_event": "lg_events_quiet"], ["trace_event": "lg_events_loud"]])
    }

    @Test func theLoggersLevelStillFilters() {
        let (backend, store) = Self.backend(logLevel: .info, levels: ["lg_events_loud": .warning])
        backend.record(Self.record("lg_events_quiet", [], message: "quiet"))
        backend.record(Self.record("lg_events_loud", [], message: "loud"))
        #expect(store.events.withLock { $0.map(\.message.description) } == ["loud"])
    }
}
