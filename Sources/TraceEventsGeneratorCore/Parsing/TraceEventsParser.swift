/// Parses QEMU's `trace-events` format.
///
/// The grammar follows QEMU's scripts/tracetool: one event per line, `[PROPERTIES] NAME(ARGS) FORMAT`,
/// `#` comment lines, blank lines. The parser reports every syntax problem it finds as a ``Diagnostic``
/// and keeps going with the next line, so one run shows all of them; semantic checks (formats against
/// arguments, duplicates) belong to ``TraceEventsValidator``.
public struct TraceEventsParser: Sendable {
    /// Creates a parser.
    public init() {}

    /// Parses the text of a file.
    ///
    /// - Parameters:
    ///   - text: the file's contents.
    ///   - path: the path diagnostics name.
    /// - Returns: the file, and the diagnostics found while parsing it.
    public func parse(_ text: String, path: String) -> (file: TraceEventsFile, diagnostics: [Diagnostic]) {
        var text = text
        return text.withUTF8 { parse(bytes: $0, path: path) }
    }

    /// Parses a file's UTF-8 bytes (already validated).
    func parse(bytes: UnsafeBufferPointer<UInt8>, path: String) -> (file: TraceEventsFile, diagnostics: [Diagnostic]) {
        var lines: [TraceEventsFile.Line] = []
        var diagnostics: [Diagnostic] = []
        var state = LineState(path: path)
        let all = TraceEventsLines(bytes: bytes)
        all.forEach { line, number in lines.append(state.parse(line, number: number, diagnostics: &diagnostics)) }
        if let warning = Self.missingNewline(all, lineCount: lines.count, path: path) { diagnostics.append(warning) }
        return (TraceEventsFile(path: path, lines: lines), diagnostics)
    }

    /// The warning for a file whose last line has no newline, or nil.
    static func missingNewline(_ lines: TraceEventsLines, lineCount: Int, path: String) -> Diagnostic? {
        guard let length = lines.unterminatedLastLineLength else { return nil }
        return Diagnostic(.warning, "the file does not end with a newline; QEMU 4.0 and later reject such a file",
            at: TextLocation(file: path, line: lineCount, column: length + 1))
    }

    /// What the parser carries from one line to the next: the `# file.c` group and the target word size.
    struct LineState: Sendable {
        private(set) var path: String
        private var sourceFile: String?
        private var targetLongBits: Int?

        init(path: String) { self.path = path }

        /// The state with a path string of its own: every location a line's parse makes holds the path, and
        /// threads that parse pieces of one file would otherwise all count references on one string.
        func withOwnPath() -> LineState {
            var copy = self
            copy.path = String(decoding: Array(path.utf8), as: UTF8.self)
            return copy
        }

        /// Parses line `number` (without its newline), appending its diagnostics.
        mutating func parse(
            _ rawLine: UnsafeBufferPointer<UInt8>, number: Int, diagnostics: inout [Diagnostic]
        ) -> TraceEventsFile.Line {
            let bytes = Array(rawLine[..<Self.contentEnd(of: rawLine)])
            var scanner = LineScanner(bytes: bytes, file: path, line: number)
            scanner.skipBlanks()
            if scanner.isAtEnd { return .blank }
            if scanner.peek == UInt8(ascii: "#") {
                let comment = String(decoding: bytes, as: UTF8.self)
                note(comment: comment, at: scanner.location, diagnostics: &diagnostics)
                return .comment(comment)
            }
            let before = diagnostics.count
            guard var event = EventLineParser.parse(&scanner, targetLongBits: targetLongBits, diagnostics: &diagnostics),
                !diagnostics[before...].contains(where: { $0.severity == .error })
            else { return .invalid(String(decoding: bytes, as: UTF8.self)) }
            event.sourceFile = sourceFile
            return .event(event)
        }

        /// Takes what a comment line (its ``comment(in:)`` text) sets for the lines after it: the `# file.c` group,
        /// a `target-long-bits` directive (a bad value is reported and changes nothing).
        mutating func note(comment: String, at location: TextLocation, diagnostics: inout [Diagnostic]) {
            if let named = TraceEventsParser.sourceFileName(inComment: comment) { sourceFile = named }
            if let bits = TraceEventsParser.targetLongBits(inComment: comment, at: location, diagnostics: &diagnostics) {
                targetLongBits = bits
            }
        }

        /// Where a line's text ends: trailing spaces, tabs and carriage returns are not part of it.
        static func contentEnd(of line: UnsafeBufferPointer<UInt8>) -> Int {
            var end = line.count
            while end > 0, line[end - 1].isBlank || line[end - 1] == UInt8(ascii: "\r") {
                end -= 1
            }
            return end
        }

        /// The line's text if it is a comment (its first non-blank byte is `#`), as ``parse(_:number:diagnostics:)``
        /// records it.
        static func comment(in line: UnsafeBufferPointer<UInt8>) -> String? {
            guard let first = line.firstIndex(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }),
                line[first] == UInt8(ascii: "#")
            else { return nil }
            return String(decoding: line[..<contentEnd(of: line)], as: UTF8.self)
        }
    }

    /// The value of a `# swift-tracetool: target-long-bits=N` directive in `comment`, reporting a bad value.
    /// Other keys belong to the generator (``GenerationNames``).
    static func targetLongBits(
        inComment comment: String, at location: TextLocation, diagnostics: inout [Diagnostic]
    ) -> Int? {
        guard let settings = GenerationDirectives.body(ofComment: comment) else { return nil }
        let key = QEMUFormatMacros.targetLongBitsKey + "="
        for setting in settings.split(whereSeparator: { $0 == " " || $0 == "\t" }) where setting.hasPrefix(key) {
            let value = setting.dropFirst(key.count)
            guard value == "32" || value == "64" else {
                diagnostics.append(
                    Diagnostic(.error, "'\(setting)': \(QEMUFormatMacros.targetLongBitsKey) must be 32 or 64", at: location))
                return nil
            }
            return Int(value)
        }
        return nil
    }

    /// The source file a `# file.c` group comment names, or nil for any other comment.
    ///
    /// QEMU's files group events under comments that hold one file name (`# pci.c`, `# hw/vfio/pci.c`);
    /// a comment of several words is prose.
    public static func sourceFileName(inComment comment: String) -> String? {
        let body = commentText(comment)
        guard !body.isEmpty, !body.utf8.contains(where: \.isBlank),
            let dot = body.lastIndex(of: "."), dot != body.startIndex, body.index(after: dot) != body.endIndex
        else { return nil }
        let allowed = isLettersAndDigits(body, or: "._/+-")
        let extensionIsWord = isLettersAndDigits(body[body.index(after: dot)...], or: "")
        return allowed && extensionIsWord ? String(body) : nil
    }

    /// Whether every character of `text` is a letter, a digit or one of `others` (byte by byte when the text is
    /// ASCII, as QEMU's file names are).
    private static func isLettersAndDigits(_ text: Substring, or others: String) -> Bool {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else {
            return text.allSatisfy { $0.isLetter || $0.isNumber || others.contains($0) }
        }
        return text.utf8.allSatisfy {
            $0.isDecimalDigit || (($0 | 0x20) >= UInt8(ascii: "a") && ($0 | 0x20) <= UInt8(ascii: "z"))
                || others.utf8.contains($0)
        }
    }
}

extension TraceEventsParser {
    /// The text of a comment line after its `#`, without the blanks around it (`  # hw/pci.c ` → `hw/pci.c`).
    static func commentText(_ comment: some StringProtocol) -> Substring {
        let text = Substring(comment)
        guard let hash = text.utf8.firstIndex(where: { !$0.isBlank }) else { return text[text.endIndex...] }
        return text[text.utf8.index(after: hash)...].trimmingBlanks()
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    func trimmingBlanks() -> Substring {
        // Blanks are ASCII, so the UTF-8 positions around them are character boundaries; no grapheme breaking.
        let text = Substring(self)
        let start = text.utf8.firstIndex { !$0.isBlank } ?? text.endIndex
        let end = text.utf8[start...].lastIndex { !$0.isBlank }.map { text.utf8.index(after: $0) } ?? start
        return text[start..<end]
    }
}
