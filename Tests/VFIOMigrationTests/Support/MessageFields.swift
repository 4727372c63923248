import TraceEventsGeneratorCore

/// The root trace-events file's events, parsed by the generator's own parser.
enum RootTraceEvents {
    static let byName: [String: EventDeclaration] = {
        let path = TestPaths.packageRoot.appending(path: "trace-events").path
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [:] }
        let file = TraceEventsParser().parse(text, path: path).file
        return Dictionary(file.events.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }()

    /// The argument values of a stderr message of event `name`, recovered through the event's format and spelled
    /// as ``TracedEvent`` spells a record's arguments (integers in decimal with their C type's sign, pointers in
    /// hex, strings as they are), so they compare field for field with the other capture paths. Nil when the
    /// message does not fit the format.
    static func arguments(of name: String, message: Substring) -> [String]? {
        guard let event = byName[name] else { return nil }
        guard let format = event.format else { return message.isEmpty ? [] : nil }
        guard let texts = fieldTexts(of: Array(message.utf8), segments: format.segments),
              texts.count == event.arguments.count
        else { return nil }
        var values: [String] = []
        for ((specifier, text), argument) in zip(texts, event.arguments) {
            guard let value = canonical(text, specifier: specifier, type: argument.type) else { return nil }
            values.append(value)
        }
        return values
    }

    /// The text each conversion printed: literals must match exactly; a conversion runs to the next literal's
    /// first occurrence (the last literal is the message's end).
    private static func fieldTexts(of message: [UInt8], segments: [FormatSegment]) -> [(Character, String)]? {
        var position = 0
        var texts: [(Character, String)] = []
        var pending: Character?
        func take(until end: Int) -> Bool {
            guard let specifier = pending else { return true }
            texts.append((specifier, String(decoding: message[position..<end], as: UTF8.self)))
            position = end
            pending = nil
            return true
        }
        for (index, segment) in segments.enumerated() {
            switch segment {
            case .literal(let bytes):
                let isLast = index == segments.count - 1
                let start: Int?
                if pending == nil {
                    start = message[position...].starts(with: bytes) ? position : nil
                } else if isLast {
                    start = message.count - bytes.count >= position && message.suffix(bytes.count).elementsEqual(bytes)
                        ? message.count - bytes.count : nil
                } else {
                    start = firstOccurrence(of: bytes, in: message, from: position)
                }
                guard let start, take(until: start) else { return nil }
                position = start + bytes.count
            case .conversion(let conversion):
                // Two conversions with nothing between them cannot be told apart.
                guard pending == nil, let specifier = conversion.specifier else { return nil }
                pending = specifier
            }
        }
        _ = take(until: message.count)
        return position == message.count ? texts : nil
    }

    private static func firstOccurrence(of bytes: [UInt8], in message: [UInt8], from start: Int) -> Int? {
        guard !bytes.isEmpty, message.count >= bytes.count else { return nil }
        return (start...(message.count - bytes.count)).first { message[$0..<$0 + bytes.count].elementsEqual(bytes) }
    }

    private static func canonical(_ text: String, specifier: Character, type: CType) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        switch specifier {
        case "s": return text
        case "p": return trimmed == "(nil)" ? "0x0" : trimmed.lowercased()
        default: break
        }
        let radix = specifier == "x" || specifier == "X" ? 16 : specifier == "o" ? 8 : 10
        let bits: UInt64
        if trimmed.hasPrefix("-"), let negative = Int64(trimmed, radix: radix) {
            bits = UInt64(bitPattern: negative)
        } else if let positive = UInt64(trimmed, radix: radix) {
            bits = positive
        } else {
            return nil
        }
        switch type.kind {
        case .integer(let signed, let width):
            let shift = UInt64(64 - width)
            return signed ? String(Int64(bitPattern: bits << shift) >> Int64(shift)) : String((bits << shift) >> shift)
        case .bool: return bits == 0 ? "0" : "1"
        case .pointer: return "0x" + String(bits, radix: 16)
        case .string, .void, .floating, .tcg: return nil
        }
    }
}
