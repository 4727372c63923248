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

        let whole = String(decoding: scanner.bytes[(open + 1)..<close], as: UTF8.self).trimmingBlanks()
        if whole == "void" { return [] }
        if whole.isEmpty {
            // QEMU's tracetool has never read "()" (Arguments.build fails on the empty argument), but its
            // meaning is plain, so it reads as "(void)".
            diagnostics.append(
                Diagnostic(.warning, "empty argument list, read as '(void)'; QEMU's tracetool rejects '()' in every "
                    + "release since 2.0: write '(void)'",
                    at: scanner.location(at: open + 1)))
            return []
        }
        if let void = pieces.first(where: {
            String(decoding: scanner.bytes[$0], as: UTF8.self).trimmingBlanks() == "void"
        }) {
            let offset = scanner.bytes[void].firstIndex { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") } ?? void.lowerBound
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

    /// Parses `TYPE NAME` within `range` of the line.
    private static func parseArgument(
        _ line: LineScanner, range: Range<Int>, diagnostics: inout [Diagnostic]
    ) -> EventArgument? {
        var tokens: [(text: String, offset: Int)] = []
        var index = range.lowerBound
        let bytes = line.bytes
        while index < range.upperBound {
            let byte = bytes[index]
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") {
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
        let typeTokens = tokens.dropLast().map { (text: $0.text, location: line.location(at: $0.offset)) }
        let spelling = String(decoding: bytes[first.offset..<last.offset], as: UTF8.self)
            .split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
        guard let type = CTypeParser.parse(typeTokens, spelling: spelling, diagnostics: &diagnostics) else { return nil }
        return EventArgument(
            type: type, typeSpelling: spelling, name: last.text, location: line.location(at: first.offset),
            nameLocation: line.location(at: last.offset))
    }
}
