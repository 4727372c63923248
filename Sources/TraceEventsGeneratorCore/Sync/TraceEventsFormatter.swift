/// Rewrites `trace-events` files in one canonical layout without changing what they mean.
///
/// The layout:
/// - an event is `[PROPERTIES ]NAME(TYPE NAME, TYPE NAME) FORMAT`: one space after each comma, `(void)`
///   for no arguments, stars attached to the argument name as QEMU writes them (`const char *name`,
///   `void **opaque`), the type's words kept as written (`unsigned` stays `unsigned`), exactly one space
///   before the format, and PRI macros glued to the literals around them (`"0x%"PRIx64" - "`); two
///   literals in a row are separated by one space;
/// - comments are kept verbatim, except that trailing blanks are dropped;
/// - blank lines are kept, but a run of them becomes one, and blank lines at the start and end of the
///   file are dropped; the file ends with exactly one newline (an empty file stays empty).
///
/// With sorting, the events of each section (the lines after a `# file.c` comment up to the next one;
/// the lines before the first one form a section too) are put in alphabetical (byte) order of name. A
/// comment directly above an event (no blank line between) belongs to that event and moves with it,
/// except comments at the very start of a section, which describe the section and stay on top. Blank
/// lines and the comments that are not directly above an event stay where they are; the events with
/// their comments are permuted among the places events occupied.
///
/// Formatting is idempotent, and each result is parsed again and compared with the input (names,
/// properties, types, argument names, format pieces, sections) before it is returned.
public struct TraceEventsFormatter: Sendable {
    /// Why a file was not formatted.
    public struct FormatError: Error, CustomStringConvertible {
        /// The problems, one per line (`FILE:LINE:COL: error: ...` for syntax errors).
        public var description: String
    }

    /// Whether to sort the events of each section by name.
    public var sortsEvents: Bool

    /// Creates a formatter.
    public init(sortsEvents: Bool = false) {
        self.sortsEvents = sortsEvents
    }

    /// The canonical text of a file.
    ///
    /// - Throws: ``FormatError`` when the file has syntax errors (nothing is formatted then).
    public func format(_ text: String, path: String) throws -> String {
        let (file, diagnostics) = TraceEventsParser().parse(text, path: path)
        let errors = diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty {
            throw FormatError(
                description: (errors.map(\.description) + ["\(path): error: not formatted: the file has syntax errors"])
                    .joined(separator: "\n"))
        }
        var lines = file.lines
        if sortsEvents { lines = Self.sortingSections(lines) }
        var output: [String] = []
        for line in lines {
            switch line {
            case .blank:
                if let last = output.last, !last.isEmpty { output.append("") }
            case .comment(let comment):
                output.append(comment)
            case .event(let event):
                output.append(Self.canonicalLine(for: event))
            case .invalid(let raw):
                output.append(raw)
            }
        }
        while output.last?.isEmpty == true { output.removeLast() }
        let result = output.isEmpty ? "" : output.joined(separator: "\n") + "\n"
        try verifyMeaning(of: file, isKeptBy: result, path: path)
        return result
    }

    /// The canonical text of one event line.
    public static func canonicalLine(for event: EventDeclaration) -> String {
        var text = event.properties.map { $0.rawValue + " " }.joined()
        text += event.name + "("
        text += event.arguments.isEmpty ? "void" : event.arguments.map(canonicalArgument).joined(separator: ", ")
        text += ")"
        if let format = event.format { text += " " + canonicalFormat(format) }
        if let format = event.executionFormat { text += ", " + canonicalFormat(format) }
        return text
    }

    /// `TYPE NAME` with the type's words as written and its stars attached to the name.
    static func canonicalArgument(_ argument: EventArgument) -> String {
        var tokens: [String] = []
        var word = ""
        for character in argument.typeSpelling {
            if character == "*" || character == " " || character == "\t" {
                if !word.isEmpty { tokens.append(word) }
                word = ""
                if character == "*" { tokens.append("*") }
            } else {
                word.append(character)
            }
        }
        if !word.isEmpty { tokens.append(word) }
        var text = ""
        for token in tokens {
            if !text.isEmpty && !(token == "*" && text.hasSuffix("*")) { text += " " }
            text += token
        }
        return text + (text.hasSuffix("*") ? "" : " ") + argument.name
    }

    /// The format's pieces: macros glued to their neighbours, adjacent literals one space apart.
    static func canonicalFormat(_ format: EventFormat) -> String {
        var text = ""
        var previousWasLiteral = false
        for piece in format.pieces {
            switch piece {
            case .literal(let literal):
                if previousWasLiteral { text += " " }
                text += "\"\(literal)\""
                previousWasLiteral = true
            case .macro(let macro):
                text += macro
                previousWasLiteral = false
            }
        }
        return text
    }

    /// The lines with each section's events (and the comments directly above them) sorted by name.
    static func sortingSections(_ lines: [TraceEventsFile.Line]) -> [TraceEventsFile.Line] {
        var result: [TraceEventsFile.Line] = []
        var section: [TraceEventsFile.Line] = []
        for line in lines {
            if case .comment(let comment) = line, TraceEventsParser.sourceFileName(inComment: comment) != nil {
                result += sortingSection(section)
                section = []
                result.append(line)
            } else {
                section.append(line)
            }
        }
        return result + sortingSection(section)
    }

    private static func sortingSection(_ lines: [TraceEventsFile.Line]) -> [TraceEventsFile.Line] {
        // Items are either one fixed line or an event block (its comments and the event).
        var items: [[TraceEventsFile.Line]] = []
        var blocks: [(slot: Int, name: String, lines: [TraceEventsFile.Line])] = []
        var index = 0
        // Comments that open a section describe the section, not its first event: they stay on top.
        while index < lines.count, case .comment = lines[index] {
            items.append([lines[index]])
            index += 1
        }
        while index < lines.count {
            var end = index
            while end < lines.count, case .comment = lines[end] { end += 1 }
            if end < lines.count, case .event(let event) = lines[end] {
                blocks.append((items.count, event.name, Array(lines[index...end])))
                items.append([])
                index = end + 1
            } else if end > index {
                for line in lines[index..<end] { items.append([line]) }
                index = end
            } else {
                items.append([lines[index]])
                index += 1
            }
        }
        let sorted = blocks.enumerated().sorted { lhs, rhs in
            let (left, right) = (Array(lhs.element.name.utf8), Array(rhs.element.name.utf8))
            return left == right ? lhs.offset < rhs.offset : left.lexicographicallyPrecedes(right)
        }
        for (block, sortedBlock) in zip(blocks, sorted) { items[block.slot] = sortedBlock.element.lines }
        return items.flatMap { $0 }
    }

    /// Parses the result and throws unless it means what the input meant.
    private func verifyMeaning(of file: TraceEventsFile, isKeptBy result: String, path: String) throws {
        let (reparsed, diagnostics) = TraceEventsParser().parse(result, path: path)
        let before = file.events.map(EventMeaning.init)
        let after = reparsed.events.map(EventMeaning.init)
        let same: Bool
        if sortsEvents {
            let count = { (meanings: [EventMeaning]) in meanings.reduce(into: [EventMeaning: Int]()) { $0[$1, default: 0] += 1 } }
            same = count(before) == count(after)
        } else {
            same = before == after
        }
        guard same, !diagnostics.contains(where: { $0.severity == .error }) else {
            throw FormatError(
                description: "\(path): error: not formatted: the canonical form would change the file's meaning (a bug in the formatter; please report it)")
        }
    }
}
