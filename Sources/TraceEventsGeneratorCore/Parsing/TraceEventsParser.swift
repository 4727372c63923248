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
        var lines: [TraceEventsFile.Line] = []
        var diagnostics: [Diagnostic] = []
        var sourceFile: String?
        var lineNumber = 0
        var rawLines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        // The piece after a final newline is not a line of the file.
        if text.utf8.last == UInt8(ascii: "\n") || text.isEmpty { rawLines.removeLast() }
        for rawLine in rawLines {
            lineNumber += 1
            var bytes = Array(rawLine)
            while let last = bytes.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") || last == UInt8(ascii: "\r") {
                bytes.removeLast()
            }
            var scanner = LineScanner(bytes: bytes, file: path, line: lineNumber)
            scanner.skipBlanks()
            if scanner.isAtEnd {
                lines.append(.blank)
                continue
            }
            if scanner.peek == UInt8(ascii: "#") {
                let comment = String(decoding: bytes, as: UTF8.self)
                if let named = Self.sourceFileName(inComment: comment) { sourceFile = named }
                lines.append(.comment(comment))
                continue
            }
            let before = diagnostics.count
            if var event = EventLineParser.parse(&scanner, diagnostics: &diagnostics), diagnostics.count == before {
                event.sourceFile = sourceFile
                lines.append(.event(event))
            } else {
                lines.append(.invalid(String(decoding: bytes, as: UTF8.self)))
            }
        }
        return (TraceEventsFile(path: path, lines: lines), diagnostics)
    }

    /// The source file a `# file.c` group comment names, or nil for any other comment.
    ///
    /// QEMU's files group events under comments that hold one file name (`# pci.c`, `# hw/vfio/pci.c`);
    /// a comment of several words is prose.
    public static func sourceFileName(inComment comment: String) -> String? {
        let body = comment.drop { $0 == " " || $0 == "\t" }.dropFirst().trimmingBlanks()
        guard !body.isEmpty, !body.contains(" "), !body.contains("\t"),
            let dot = body.lastIndex(of: "."), dot != body.startIndex, body.index(after: dot) != body.endIndex
        else { return nil }
        let allowed = body.allSatisfy { $0.isLetter || $0.isNumber || "._/+-".contains($0) }
        let extensionIsWord = body[body.index(after: dot)...].allSatisfy { $0.isLetter || $0.isNumber }
        return allowed && extensionIsWord ? String(body) : nil
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    func trimmingBlanks() -> Substring {
        let text = Substring(self)
        let start = text.firstIndex { $0 != " " && $0 != "\t" } ?? text.endIndex
        let end = text.lastIndex { $0 != " " && $0 != "\t" }.map { text.index(after: $0) } ?? start
        return text[start..<end]
    }
}
