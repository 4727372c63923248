import Foundation

extension TraceEventsDiff {
    /// The diff for people: one line per event, `+` added, `-` removed, `>` renamed, `~` changed (with an
    /// indented line per change), or nothing when the files define the same events.
    public var report: String {
        var lines: [String] = []
        for event in removed { lines.append("- \(event.name)  (\(old):\(event.line)) \(event.definition)") }
        for event in added { lines.append("+ \(event.name)  (\(new):\(event.line)) \(event.definition)") }
        for rename in renamed {
            lines.append("> \(rename.old) -> \(rename.new)  (\(old):\(rename.oldLine) -> \(new):\(rename.newLine))")
        }
        for event in changed {
            lines.append("~ \(event.name)  (\(old):\(event.oldLine) -> \(new):\(event.newLine))")
            for change in event.changes {
                lines.append("    \(change.aspect.rawValue): \(change.old.isEmpty ? "(none)" : change.old)")
                lines.append("    \(String(repeating: " ", count: change.aspect.rawValue.count))  -> \(change.new.isEmpty ? "(none)" : change.new)")
                for detail in change.details { lines.append("      \(detail)") }
            }
        }
        if !isEmpty {
            lines.append(
                "\(added.count) added, \(removed.count) removed, \(renamed.count) renamed, \(changed.count) changed")
        }
        return lines.map { $0 + "\n" }.joined()
    }

    /// The diff as JSON in the documented schema, keys sorted, ending in a newline.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }
}
