/// Renames events in `trace-events` files and at every call site, as one planned change.
///
/// All renames apply at once to the names as they were (so `A B B A` swaps two events). Only whole
/// tokens change: `trace_vfio_save` never matches inside `trace_vfio_save_setup`, and tokens in comments
/// and string literals are left alone.
public struct EventRenamer: Sendable {
    /// Why a rename was refused; nothing was changed.
    public struct RenameError: Error, CustomStringConvertible {
        /// Every reason, one per line.
        public var problems: [String]
        /// The reasons, one per line.
        public var description: String { problems.joined(separator: "\n") }
    }

    /// The renames, old name to new.
    public let pairs: [RenamePair]

    /// Creates a renamer.
    public init(pairs: [RenamePair]) {
        self.pairs = pairs
    }

    /// The new contents of every given file that the renames change (files they leave alone are omitted).
    ///
    /// - Parameters:
    ///   - eventFiles: `trace-events` files as (path, text).
    ///   - sources: Swift and C files as (path, text).
    /// - Throws: ``RenameError`` naming every problem: a new name that exists or that two pairs share, an
    ///   old name that no file defines or that two pairs rename, a name that is not a C identifier, a
    ///   `trace-events` file with syntax errors.
    public func plan(
        eventFiles: [(path: String, text: String)], sources: [(path: String, text: String)]
    ) throws -> [FileUpdate] {
        var problems: [String] = []
        var parsed: [TraceEventsFile] = []
        for file in eventFiles {
            let (result, diagnostics) = TraceEventsParser().parse(file.text, path: file.path)
            let errors = diagnostics.filter { $0.severity == .error }
            problems += errors.map(\.description)
            parsed.append(result)
        }
        problems += validate(definedNames: Set(parsed.flatMap { $0.events.map(\.name) }))
        if !problems.isEmpty { throw RenameError(problems: problems) }

        let mapping = Dictionary(uniqueKeysWithValues: pairs.map { ($0.old, $0.new) })
        // A `tcg` event is called as NAME_trans and NAME_exec (and NAME_tcg in QEMU's C): those rename too.
        var callMapping = mapping
        for event in parsed.flatMap(\.events) where event.isTCG {
            guard let new = mapping[event.name] else { continue }
            for suffix in ["_trans", "_exec", "_tcg"] { callMapping[event.name + suffix] = new + suffix }
        }
        var updates: [FileUpdate] = []
        for (file, result) in zip(eventFiles, parsed) {
            let renamed = renameDefinitions(in: file.text, events: result.events, mapping: mapping)
            updates.append(FileUpdate(path: file.path, original: Array(file.text.utf8), updated: renamed))
        }
        for source in sources {
            guard let language = SourceLanguage(path: source.path) else { continue }
            let bytes = Array(source.text.utf8)
            var updated = bytes
            let tokens = SourceScanner.traceTokens(in: source.text, path: source.path, language: language)
            for token in tokens.reversed() {
                guard let new = callMapping[token.eventName] else { continue }
                let start = token.byteOffset + SourceScanner.tracePrefix.utf8.count
                updated.replaceSubrange(start..<(start + token.eventName.utf8.count), with: Array(new.utf8))
            }
            updates.append(FileUpdate(path: source.path, original: bytes, updated: updated))
        }
        return updates.filter { $0.original != $0.updated }
    }

    private func validate(definedNames: Set<String>) -> [String] {
        var problems: [String] = []
        var olds: Set<String> = []
        var news: Set<String> = []
        let renamedAway = Set(pairs.map(\.old))
        for pair in pairs {
            for name in [pair.old, pair.new] where !Self.isIdentifier(name) {
                problems.append("error: '\(name)' is not a valid event name (a C identifier)")
            }
            if pair.old == pair.new { problems.append("error: '\(pair.old)' is renamed to itself") }
            if !olds.insert(pair.old).inserted { problems.append("error: '\(pair.old)' is renamed twice") }
            if !news.insert(pair.new).inserted { problems.append("error: two events would be renamed to '\(pair.new)'") }
            if !definedNames.contains(pair.old) {
                var message = "error: cannot rename '\(pair.old)': no trace-events file given defines it"
                if let closest = EditDistance.closest(to: pair.old, in: definedNames.sorted()) {
                    message += " (closest: '\(closest)')"
                }
                problems.append(message)
            }
            if definedNames.contains(pair.new) && !renamedAway.contains(pair.new) {
                problems.append("error: cannot rename '\(pair.old)' to '\(pair.new)': an event named '\(pair.new)' already exists")
            }
        }
        return problems
    }

    /// The file with each renamed event's name replaced where it stands; every other byte is kept.
    private func renameDefinitions(in text: String, events: [EventDeclaration], mapping: [String: String]) -> [UInt8] {
        var lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
        for event in events {
            guard let new = mapping[event.name] else { continue }
            let start = event.location.column - 1
            lines[event.location.line - 1].replaceSubrange(start..<(start + event.name.utf8.count), with: Array(new.utf8))
        }
        return Array(lines.joined(separator: [UInt8(ascii: "\n")]))
    }

    static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.utf8.first, first.isIdentifierStart else { return false }
        return name.utf8.allSatisfy(\.isIdentifierContinuation)
    }
}
