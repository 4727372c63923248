import TraceEvents

/// One trace event as a test compares it: the name and its arguments spelled as decimal numbers or text.
///
/// Every capture path (a `TraceBackend`, parsed stderr lines, babeltrace2's output) is reduced to this, so one
/// expected sequence checks them all.
struct TracedEvent: Equatable, Sendable, CustomStringConvertible {
    var name: String
    var arguments: [String]

    var description: String { "\(name)(\(arguments.joined(separator: ", ")))" }

    init(name: String, arguments: [String]) {
        self.name = name
        self.arguments = arguments
    }

    /// The event a `TraceBackend` received.
    init(_ record: TraceRecord) {
        name = record.event.name
        arguments = record.arguments.map { value in
            switch value {
            case .string(let text): text ?? "(null)"
            case .signed(let number): String(number)
            case .unsigned(let number): String(number)
            case .pointer(let address): "0x" + String(address, radix: 16)
            case .bool(let flag): flag ? "1" : "0"
            case .floating(let number): String(number)
            }
        }
    }
}

/// One step of an expected sequence: an event name and the arguments that matter (nil = any value).
struct ExpectedEvent: Sendable, CustomStringConvertible {
    var name: String
    var arguments: [Int: String]

    init(_ name: String, _ arguments: [Int: String] = [:]) {
        self.name = name
        self.arguments = arguments
    }

    func matches(_ event: TracedEvent) -> Bool {
        event.name == name && arguments.allSatisfy { index, value in
            index < event.arguments.count && event.arguments[index] == value
        }
    }

    var description: String {
        let shown = arguments.sorted { $0.key < $1.key }.map { "#\($0.key)=\($0.value)" }
        return "\(name)[\(shown.joined(separator: ", "))]"
    }
}

/// Checks that `expected` occurs in `events` in order (other events may come between), and returns a
/// description of the first step that is missing, or nil when the whole sequence is there.
func missingStep(of expected: [ExpectedEvent], in events: [TracedEvent]) -> String? {
    var position = events.startIndex
    for (index, step) in expected.enumerated() {
        guard let found = events[position...].firstIndex(where: step.matches) else {
            let after = index == 0 ? "the start" : "\(expected[index - 1])"
            return "step \(index) \(step) not found after \(after); trace:\n"
                + events.map(\.description).joined(separator: "\n")
        }
        position = found + 1
    }
    return nil
}
