/// Parses the event on one line: `[PROPERTIES] NAME(ARGS) [FORMAT]`.
enum EventLineParser {
    /// Parses an event, appending a diagnostic for each problem. Returns nil when the line is not an event.
    static func parse(
        _ scanner: inout LineScanner, targetLongBits: Int? = nil, diagnostics: inout [Diagnostic]
    ) -> EventDeclaration? {
        var words: [(text: String, location: TextLocation)] = []
        while true {
            scanner.skipBlanks()
            let location = scanner.location
            let start = scanner.index
            let word = scanner.identifier()
            // A name that runs on into other characters (`foo-bar`, `9lives`) is one bad name, not two tokens.
            while let byte = scanner.peek, !Self.endsName(byte) { scanner.advance() }
            if scanner.index > start + (word?.utf8.count ?? 0) {
                let written = String(decoding: scanner.bytes[start..<scanner.index], as: UTF8.self)
                diagnostics.append(
                    Diagnostic(.error, "event name '\(written)' is not a valid C identifier", at: location))
                return nil
            }
            guard let word else { break }
            words.append((word, location))
        }
        scanner.skipBlanks()
        guard let (name, nameLocation) = words.last else {
            diagnostics.append(Diagnostic(.error, "expected an event name", at: scanner.location))
            return nil
        }
        guard scanner.consume(UInt8(ascii: "(")) else {
            let message =
                scanner.isAtEnd
                ? "expected '(' after event name '\(name)'"
                : "expected '(' after event name '\(name)', found '\(scanner.remainder.prefix(1))'"
            diagnostics.append(Diagnostic(.error, message, at: scanner.location))
            return nil
        }
        var properties: [EventProperty] = []
        for (word, location) in words.dropLast() {
            if let property = EventProperty(rawValue: word) {
                properties.append(property)
            } else {
                diagnostics.append(
                    Diagnostic(.error, "unknown property '\(word)' (QEMU's properties are 'disable', 'vcpu' and 'tcg')", at: location))
            }
        }
        guard let arguments = ArgumentListParser.parse(&scanner, diagnostics: &diagnostics) else { return nil }
        scanner.skipBlanks()
        let formatStart = scanner.location
        let before = diagnostics.count
        let format = scanner.isAtEnd ? nil : FormatParser.parse(&scanner, targetLongBits: targetLongBits, diagnostics: &diagnostics)
        var executionFormat: EventFormat?
        if diagnostics.count == before, scanner.consume(UInt8(ascii: ",")) {
            let comma = scanner.location(at: scanner.index - 1)
            scanner.skipBlanks()
            guard properties.contains(.tcg) else {
                diagnostics.append(
                    Diagnostic(.error, "a second format after ',' is only allowed in an event with the 'tcg' property", at: comma))
                return nil
            }
            guard !scanner.isAtEnd,
                let second = FormatParser.parse(&scanner, targetLongBits: targetLongBits, diagnostics: &diagnostics)
            else {
                if diagnostics.count == before {
                    diagnostics.append(Diagnostic(.error, "expected the execution-time format after ','", at: scanner.location))
                }
                return nil
            }
            if scanner.peek == UInt8(ascii: ",") {
                diagnostics.append(Diagnostic(.error, "an event has at most two formats", at: scanner.location))
                return nil
            }
            executionFormat = second
        }
        if properties.contains(.tcg), executionFormat == nil, diagnostics.count == before {
            diagnostics.append(
                Diagnostic(
                    .error,
                    "a 'tcg' event needs two formats, translation time and execution time: \"TRANS\", \"EXEC\"",
                    at: format == nil ? scanner.location : formatStart))
            return nil
        }
        return EventDeclaration(
            name: name, properties: properties, arguments: arguments, format: format, executionFormat: executionFormat,
            location: nameLocation)
    }

    /// Whether `byte` ends a property or event name.
    private static func endsName(_ byte: UInt8) -> Bool {
        byte.isBlank || byte == UInt8(ascii: "(") || byte == UInt8(ascii: "\"")
            || byte == UInt8(ascii: ")") || byte == UInt8(ascii: ",")
    }
}
