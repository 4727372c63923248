/// Parses an argument list after its `(`: `void`, or `TYPE NAME, ...`, up to and including the `)`.
enum ArgumentListParser {
    static func parse(_ scanner: inout LineScanner, diagnostics: inout [Diagnostic]) -> [EventArgument]? {
        let open = scanner.index - 1
        guard let close = scanner.bytes[scanner.index...].firstIndex(of: UInt8(ascii: ")")) else {
            diagnostics.append(
                Diagnostic(.error, "expected ')' to close the argument list opened here", at: scanner.location(at: open)))
            return nil
        }
        // Each argument is cut at its commas; columns stay those of the line.
        var pieces: [Range<Int>] = []
        var start = scanner.index
        for offset in scanner.index..<close where scanner.bytes[offset] == UInt8(ascii: ",") {
            pieces.append(start..<offset)
            start = offset + 1
        }
        pieces.append(start..<close)
        scanner.advance(by: close + 1 - scanner.index)

        let whole = trimmed(scanner.bytes, (open + 1)..<close)
        if isVoid(scanner.bytes, whole) { return [] }
        if whole.isEmpty {
            // QEMU's tracetool has never read "()" (Arguments.build fails on the empty argument), but its
            // meaning is plain, so it reads as "(void)".
            diagnostics.append(
                Diagnostic(.warning, "empty argument list, read as '(void)'; QEMU's tracetool rejects '()' in every "
                    + "release since 2.0: write '(void)'",
                    at: scanner.location(at: open + 1)))
            return []
        }
        if let void = pieces.first(where: { isVoid(scanner.bytes, trimmed(scanner.bytes, $0)) }) {
            let offset = trimmed(scanner.bytes, void).lowerBound
            diagnostics.append(
                Diagnostic(.error, "'void' must be the only argument; it means the event has none",
                    at: scanner.location(at: offset)))
            return nil
        }
        var arguments: [EventArgument] = []
        var failed = false
        for piece in pieces {
            if let argument = parseArgument(scanner, range: piece, diagnostics: &diagnostics) {
                arguments.append(argument)
            } else {
                failed = true
            }
        }
        return failed ? nil : arguments
    }

    /// `range` without the blanks at either end.
    private static func trimmed(_ bytes: [UInt8], _ range: Range<Int>) -> Range<Int> {
        var (start, end) = (range.lowerBound, range.upperBound)
        while start < end, bytes[start].isBlank { start += 1 }
        while end > start, bytes[end - 1].isBlank { end -= 1 }
        return start..<end
    }

    private static let void = Array("void".utf8)

    /// Whether `range` of `bytes` is exactly `void`.
    private static func isVoid(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
        bytes[range].elementsEqual(void)
    }

    /// The text of `range` with each run of blanks made one space and none at the ends (`const  char*`
    /// → `const char*`).
    private static func foldingBlanks(_ bytes: [UInt8], _ range: Range<Int>) -> String {
        // Most types are written folded already (one space between words): no copy to fold them into.
        let text = bytes[trimmed(bytes, range)]
        let isFolded = !text.contains(UInt8(ascii: "\t"))
            && !zip(text, text.dropFirst()).contains { $0 == UInt8(ascii: " ") && $1 == UInt8(ascii: " ") }
        if isFolded { return String(decoding: text, as: UTF8.self) }
        var folded: [UInt8] = []
        folded.reserveCapacity(range.count)
        var pendingSpace = false
        for byte in bytes[range] {
            if byte.isBlank {
                pendingSpace = !folded.isEmpty
                continue
            }
            if pendingSpace { folded.append(UInt8(ascii: " ")) }
            pendingSpace = false
            folded.append(byte)
        }
        return String(decoding: folded, as: UTF8.self)
    }

    /// Parses `TYPE NAME` within `range` of the line.
    private static func parseArgument(
        _ line: LineScanner, range: Range<Int>, diagnostics: inout [Diagnostic]
    ) -> EventArgument? {
        var tokens: [(text: String, offset: Int)] = []
        var index = range.lowerBound
        let bytes = line.bytes
        while index < range.upperBound {
            let byte = bytes[index]
            if byte.isBlank {
                index += 1
            } else if byte == UInt8(ascii: "*") {
                tokens.append(("*", index))
                index += 1
            } else if byte.isIdentifierStart {
                let start = index
                while index < range.upperBound, bytes[index].isIdentifierContinuation { index += 1 }
                tokens.append((String(decoding: bytes[start..<index], as: UTF8.self), start))
            } else {
                let character = String(decoding: bytes[index..<min(index + 1, range.upperBound)], as: UTF8.self)
                diagnostics.append(
                    Diagnostic(.error, "unexpected '\(character)' in argument", at: line.location(at: index)))
                return nil
            }
        }
        guard let first = tokens.first else {
            diagnostics.append(Diagnostic(.error, "empty argument", at: line.location(at: range.lowerBound)))
            return nil
        }
        guard let last = tokens.last, last.text != "*", tokens.count >= 2 else {
            diagnostics.append(
                Diagnostic(.error, "argument needs a type and a name", at: line.location(at: first.offset)))
            return nil
        }
        let spelling = foldingBlanks(bytes, first.offset..<last.offset)
        guard let type = CTypeParser.parse(tokens.dropLast(), in: line, spelling: spelling, diagnostics: &diagnostics)
        else { return nil }
        return EventArgument(
            type: type, typeSpelling: spelling, name: last.text, location: line.location(at: first.offset),
            nameLocation: line.location(at: last.offset))
    }
}
