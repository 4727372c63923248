/// What changed between two versions of a `trace-events` file, for people whose LTTng filters, enable
/// patterns and scripts name events.
///
/// The JSON form (``TraceEventsDiff`` encoded with `JSONEncoder`, keys sorted) is a stable schema,
/// version ``schemaVersion``:
/// ```
/// { "schemaVersion": 1, "old": PATH, "new": PATH,
///   "added":   [ { "name": N, "line": L, "definition": TEXT } ],        // in the new file, new file order
///   "removed": [ { "name": N, "line": L, "definition": TEXT } ],        // in the old file, old file order
///   "renamed": [ { "old": N, "new": N, "oldLine": L, "newLine": L } ],  // old file order
///   "changed": [ { "name": N, "oldLine": L, "newLine": L,               // new file order
///                  "changes": [ { "aspect": "properties" | "arguments" | "format",
///                                 "old": TEXT, "new": TEXT, "details": [TEXT] } ] } ] }
/// ```
/// `definition`, `old` and `new` texts are in ``TraceEventsFormatter``'s canonical spelling; `old`/`new`
/// of a format are empty when the event has none. An event is renamed when it disappears under one name
/// and appears under another with the same signature (properties, argument types and names, format); an
/// event is changed when its name stays and its signature does not. Moving an event between sections or
/// reordering events is not a change.
public struct TraceEventsDiff: Codable, Hashable, Sendable {
    /// The version of the JSON schema described above.
    public static let currentSchemaVersion = 1

    /// An event that exists on one side only.
    public struct Event: Codable, Hashable, Sendable {
        /// Its name.
        public var name: String
        /// The line it stands on, in the file it belongs to.
        public var line: Int
        /// Its canonical definition.
        public var definition: String
    }

    /// An event whose name changed and nothing else.
    public struct Rename: Codable, Hashable, Sendable {
        /// The name in the old file.
        public var old: String
        /// The name in the new file.
        public var new: String
        /// Its line in the old file.
        public var oldLine: Int
        /// Its line in the new file.
        public var newLine: Int
    }

    /// One aspect of an event that changed.
    public struct Change: Codable, Hashable, Sendable {
        /// What changed.
        public enum Aspect: String, Codable, Hashable, Sendable {
            /// The `disable` property.
            case properties
            /// The argument list.
            case arguments
            /// The format.
            case format
        }

        /// What changed.
        public var aspect: Aspect
        /// The old text of that aspect.
        public var old: String
        /// The new text of that aspect.
        public var new: String
        /// What exactly differs, one sentence each (for arguments: which argument and how).
        public var details: [String]
    }

    /// An event whose name stayed and whose signature changed.
    public struct ChangedEvent: Codable, Hashable, Sendable {
        /// Its name.
        public var name: String
        /// Its line in the old file.
        public var oldLine: Int
        /// Its line in the new file.
        public var newLine: Int
        /// Each aspect that changed.
        public var changes: [Change]
    }

    /// The schema version of this value.
    public var schemaVersion: Int
    /// The old file's path.
    public var old: String
    /// The new file's path.
    public var new: String
    /// Events only in the new file (and not renamed).
    public var added: [Event]
    /// Events only in the old file (and not renamed).
    public var removed: [Event]
    /// Events renamed.
    public var renamed: [Rename]
    /// Events changed.
    public var changed: [ChangedEvent]

    /// Whether the two files define the same events.
    public var isEmpty: Bool { added.isEmpty && removed.isEmpty && renamed.isEmpty && changed.isEmpty }

    /// Compares two parsed files (the first occurrence of a name counts if a file repeats it).
    public init(old: TraceEventsFile, new: TraceEventsFile) {
        schemaVersion = Self.currentSchemaVersion
        self.old = old.path
        self.new = new.path
        let oldEvents = Self.firstOccurrences(old.events)
        let newEvents = Self.firstOccurrences(new.events)
        let oldNames = Set(oldEvents.map(\.name))
        let newNames = Set(newEvents.map(\.name))
        var onlyOld = oldEvents.filter { !newNames.contains($0.name) }
        var onlyNew = newEvents.filter { !oldNames.contains($0.name) }

        renamed = []
        var matchedNew: Set<String> = []
        var matchedOld: Set<String> = []
        for event in onlyOld {
            let signature = EventSignature(of: event)
            let candidates = onlyNew.filter { !matchedNew.contains($0.name) && EventSignature(of: $0) == signature }
            guard let best = EditDistance.closest(to: event.name, in: candidates.map(\.name)),
                let match = candidates.first(where: { $0.name == best })
            else { continue }
            matchedNew.insert(match.name)
            matchedOld.insert(event.name)
            renamed.append(Rename(old: event.name, new: match.name, oldLine: event.location.line, newLine: match.location.line))
        }
        onlyOld.removeAll { matchedOld.contains($0.name) }
        onlyNew.removeAll { matchedNew.contains($0.name) }
        removed = onlyOld.map { Event(name: $0.name, line: $0.location.line, definition: TraceEventsFormatter.canonicalLine(for: $0)) }
        added = onlyNew.map { Event(name: $0.name, line: $0.location.line, definition: TraceEventsFormatter.canonicalLine(for: $0)) }

        let oldByName = Dictionary(oldEvents.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        changed = newEvents.compactMap { event in
            guard let before = oldByName[event.name] else { return nil }
            let changes = Self.changes(from: before, to: event)
            return changes.isEmpty
                ? nil : ChangedEvent(name: event.name, oldLine: before.location.line, newLine: event.location.line, changes: changes)
        }
    }

    private static func firstOccurrences(_ events: [EventDeclaration]) -> [EventDeclaration] {
        var seen: Set<String> = []
        return events.filter { seen.insert($0.name).inserted }
    }

    private static func changes(from old: EventDeclaration, to new: EventDeclaration) -> [Change] {
        var changes: [Change] = []
        if old.properties != new.properties {
            let text = { (event: EventDeclaration) in event.properties.map(\.rawValue).joined(separator: " ") }
            let detail = new.isDisabled && !old.isDisabled ? "the event is now disabled"
                : old.isDisabled && !new.isDisabled ? "the event is no longer disabled" : "the properties changed"
            changes.append(Change(aspect: .properties, old: text(old), new: text(new), details: [detail]))
        }
        let oldArguments = old.arguments.map { EventSignature.Argument(type: $0.type, name: $0.name) }
        let newArguments = new.arguments.map { EventSignature.Argument(type: $0.type, name: $0.name) }
        if oldArguments != newArguments {
            let text = { (event: EventDeclaration) in
                event.arguments.isEmpty ? "void" : event.arguments.map(TraceEventsFormatter.canonicalArgument).joined(separator: ", ")
            }
            changes.append(
                Change(aspect: .arguments, old: text(old), new: text(new),
                    details: argumentDetails(old: old.arguments, new: new.arguments)))
        }
        if old.format?.pieces != new.format?.pieces || old.executionFormat?.pieces != new.executionFormat?.pieces {
            let text = { (event: EventDeclaration) in
                (event.format.map(TraceEventsFormatter.canonicalFormat) ?? "")
                    + (event.executionFormat.map { ", " + TraceEventsFormatter.canonicalFormat($0) } ?? "")
            }
            var details: [String] = []
            if old.format == nil { details.append("a format was added") }
            else if new.format == nil { details.append("the format was removed") }
            else if old.format?.bytes == new.format?.bytes { details.append("the format is spelled differently but prints the same") }
            else if old.format?.conversions.map(\.text) != new.format?.conversions.map(\.text) {
                let list = { (event: EventDeclaration) in (event.format?.conversions.map(\.text) ?? []).joined(separator: " ") }
                details.append("conversions changed from [\(list(old))] to [\(list(new))]")
            } else {
                details.append("the format's text changed")
            }
            changes.append(Change(aspect: .format, old: text(old), new: text(new), details: details))
        }
        return changes
    }

    private static func argumentDetails(old: [EventArgument], new: [EventArgument]) -> [String] {
        var details: [String] = []
        let oldNames = old.map(\.name)
        let newNames = new.map(\.name)
        for argument in new where !oldNames.contains(argument.name) {
            details.append("argument '\(argument.name)' (\(argument.type)) was added")
        }
        for argument in old where !newNames.contains(argument.name) {
            details.append("argument '\(argument.name)' (\(argument.type)) was removed")
        }
        for argument in new {
            guard let before = old.first(where: { $0.name == argument.name }) else { continue }
            if before.type != argument.type {
                details.append("argument '\(argument.name)' changed type from \(before.type) to \(argument.type)")
            }
        }
        let commonOld = oldNames.filter(newNames.contains)
        let commonNew = newNames.filter(oldNames.contains)
        if commonOld != commonNew { details.append("the arguments were reordered") }
        if details.isEmpty { details.append("the argument list changed") }
        return details
    }
}
