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
        var targetLongBits: Int?
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
                if let bits = Self.targetLongBits(inComment: comment, at: scanner.location, diagnostics: &diagnostics) {
                    targetLongBits = bits
                }
                lines.append(.comment(comment))
                continue
            }
            let before = diagnostics.count
            if var event = EventLineParser.parse(&scanner, targetLongBits: targetLongBits, diagnostics: &diagnostics),
                !diagnostics[before...].contains(where: { $0.severity == .error })
            {
                event.sourceFile = sourceFile
                lines.append(.event(event))
            } else {
                lines.append(.invalid(String(decoding: bytes, as: UTF8.self)))
            }
        }
        if let last = text.utf8.last, last != UInt8(ascii: "\n") {
            let column = (rawLines.last?.count ?? 0) + 1
            diagnostics.append(
                Diagnostic(.warning, "the file does not end with a newline; QEMU 4.0 and later reject such a file",
                    at: TextLocation(file: path, line: lineNumber, column: column)))
        }
        return (TraceEventsFile(path: path, lines: lines), diagnostics)
    }

    /// The value of a `# swift-tracetool: target-long-bits=N` directive in `comment`, reporting a bad value.
    /// Other keys belong to the generator (``GenerationNames``).
    static func targetLongBits(
        inComment comment: String, at location: TextLocation, diagnostics: inout [Diagnostic]
    ) -> Int? {
        let body = comment.drop { $0 == " " || $0 == "\t" }.dropFirst().trimmingBlanks()
        guard body.hasPrefix(GenerationNames.directivePrefix) else { return nil }
        let key = QEMUFormatMacros.targetLongBitsKey + "="
        for setting in body.dropFirst(GenerationNames.directivePrefix.count).split(whereSeparator: { $0 == " " || $0 == "\t" })
        where setting.hasPrefix(key) {
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
