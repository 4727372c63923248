import CTraceEvents
import Synchronization
import TraceEvents

/// Registers a group of events under a prefix unique to the calling test, so tests running in parallel never
/// match each other's events with their patterns.
func registerTestGroup(
    _ prefix: String, _ names: [String], disabled: Set<String> = [], file: String = "test/trace-events"
) -> [String: TraceEvent] {
    let definitions = names.enumerated().map { index, name in
        TraceEventDefinition(
            name: "\(prefix)_\(name)", format: " value %d", arguments: [TraceEventArgument(type: "int", name: "value")],
            line: index + 1, sourceFile: "test.c", properties: disabled.contains(name) ? .disabled : [])
    }
    let group = TraceEvents.registerGroup(name: prefix, file: file, events: definitions)
    var byName: [String: TraceEvent] = [:]
    for event in group.events {
        byName[String(event.name.dropFirst(prefix.count + 1))] = event
    }
    return byName
}

/// A backend that keeps the records of the events whose names start with `eventPrefix` (other tests' events are
/// ignored), and says whether it reads arguments and the message.
final class CapturingBackend: TraceBackend {
    let eventPrefix: String
    let needsArguments: Bool
    let needsMessage: Bool
    private let captured = Mutex<[TraceRecord]>([])

    init(eventPrefix: String, needsArguments: Bool = true, needsMessage: Bool = true) {
        self.eventPrefix = eventPrefix
        self.needsArguments = needsArguments
        self.needsMessage = needsMessage
    }

    var records: [TraceRecord] { captured.withLock { $0 } }

    func record(_ record: TraceRecord) {
        guard record.event.name.hasPrefix(eventPrefix) else { return }
        captured.withLock { $0.append(record) }
    }
}
