/// Parses the event on one line: `[PROPERTIES] NAME(ARGS) [FORMAT]`.
enum EventLineParser {
    /// Parses an event, appending a diagnostic for each problem. Returns nil when the line is not an event.
    static func parse(_ scanner: inout LineScanner, diagnostics: inout [Diagnostic]) -> TraceEvent? {
        var words: [(text: String, location: SourceLocation)] = []
        while true {
            scanner.skipBlanks()
            let location = scanner.location
            guard let word = scanner.identifier() else { break }
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
                    Diagnostic(.error, "unknown property '\(word)' (QEMU's only property is 'disable')", at: location))
            }
        }
        guard let arguments = ArgumentListParser.parse(&scanner, diagnostics: &diagnostics) else { return nil }
        scanner.skipBlanks()
        let format = scanner.isAtEnd ? nil : FormatParser.parse(&scanner, diagnostics: &diagnostics)
        return TraceEvent(name: name, properties: properties, arguments: arguments, format: format, location: nameLocation)
    }
}
