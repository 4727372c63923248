import Foundation

/// The trace events of one run of the `vfio-migrate demo` binary, per process, as a backend saw them.
struct ProcessTrace {
    /// Events by process id, in the order each process fired them.
    var events: [Int32: [TracedEvent]] = [:]

    /// Parses classic stderr lines, `TID@SECONDS.MICROSECONDS:NAME MESSAGE`; other lines (diagnostics, progress)
    /// are skipped. Each process fires from its main thread, whose thread id is the process id. An event's
    /// arguments are recovered from its message through its format in the root trace-events file; a message
    /// that does not fit its format keeps one argument saying so, which no expectation matches.
    static func parse(stderr text: String) -> ProcessTrace {
        var trace = ProcessTrace()
        for line in text.split(separator: "\n") {
            guard let at = line.firstIndex(of: "@"), let tid = Int32(line[..<at]),
                  let colon = line[at...].firstIndex(of: ":")
            else { continue }
            let rest = line[line.index(after: colon)...]
            let name = rest.prefix { $0 != " " }
            let message = rest.dropFirst(name.count + 1)
            let arguments = RootTraceEvents.arguments(of: String(name), message: message)
                ?? ["message does not fit the format: \(message)"]
            trace.events[tid, default: []].append(TracedEvent(name: String(name), arguments: arguments))
        }
        return trace
    }

    /// Parses babeltrace2's text output of a session with the vpid context:
    /// `[...] (+...) HOST PROVIDER:NAME: { cpu_id = 0 }, { vpid = 42 }, { a = 1, b = "x" }`.
    static func parse(babeltrace text: String, provider: String) -> ProcessTrace {
        var trace = ProcessTrace()
        for line in text.split(separator: "\n") {
            guard let start = line.range(of: " \(provider):") else { continue }
            let rest = line[start.upperBound...]
            guard let colon = rest.firstIndex(of: ":"),
                  let vpidRange = rest.range(of: "vpid = "),
                  let vpid = Int32(rest[vpidRange.upperBound...].prefix { $0.isNumber })
            else { continue }
            let name = String(rest[..<colon])
            var arguments: [String] = []
            // The payload is the last brace group; when it holds the vpid, the event has no fields.
            if let payload = rest.range(of: "}, {", options: .backwards), !rest[payload.upperBound...].contains("vpid = ") {
                arguments = Self.fieldValues(rest[payload.upperBound...])
            }
            trace.events[vpid, default: []].append(TracedEvent(name: name, arguments: arguments))
        }
        return trace
    }

    /// The values of `a = 1, b = "x, y" }`, strings unquoted.
    private static func fieldValues(_ fields: Substring) -> [String] {
        var values: [String] = []
        var index = fields.startIndex
        while let equals = fields[index...].range(of: " = ") {
            var cursor = equals.upperBound
            var value = ""
            if cursor < fields.endIndex, fields[cursor] == "\"" {
                cursor = fields.index(after: cursor)
                while cursor < fields.endIndex, fields[cursor] != "\"" {
                    if fields[cursor] == "\\" { cursor = fields.index(after: cursor) }
                    if cursor < fields.endIndex { value.append(fields[cursor]); cursor = fields.index(after: cursor) }
                }
                if cursor < fields.endIndex { cursor = fields.index(after: cursor) }
            } else {
                while cursor < fields.endIndex, fields[cursor] != ",", fields[cursor] != " ", fields[cursor] != "}" {
                    value.append(fields[cursor])
                    cursor = fields.index(after: cursor)
                }
            }
            values.append(value)
            index = cursor
        }
        return values
    }
}
