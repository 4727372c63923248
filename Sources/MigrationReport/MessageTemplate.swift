import TraceEvents
import TraceEventsGeneratorCore

/// An event's format cut into literal text and conversions, each conversion tied to the argument it prints.
///
/// It works both ways: it renders an LTTng event's fields into the message QEMU's log backend prints (through the
/// runtime's `PrintfBuffer`, so the text equals C printf's), and it reads a stderr line's message back into
/// fields, so a log and an LTTng trace give the analysis the same named arguments.
public struct MessageTemplate: Sendable {
    /// One run of the format.
    enum Part: Sendable {
        case literal([UInt8])
        case conversion(argument: String, spec: PrintfSpec, isSigned: Bool)
    }

    let parts: [Part]

    /// The template of a parsed declaration, or nil when its format uses what a log cannot be read back from
    /// (`*` widths, `%p`, `%c`, arguments missing). Which argument each conversion prints comes from
    /// ``FormatArgumentPairing``, as for the generated renderer.
    init?(_ declaration: EventDeclaration) {
        guard let format = declaration.format, let pairing = FormatArgumentPairing(declaration) else { return nil }
        var parts: [Part] = []
        var bindings = pairing.bindings.makeIterator()
        for segment in format.segments {
            switch segment {
            case .literal(let bytes):
                parts.append(.literal(bytes))
            case .conversion(let conversion):
                guard let binding = bindings.next(), case .argument(let index) = binding.value,
                    let spec = Self.spec(conversion)
                else { return nil }
                let argument = declaration.arguments[index]
                let signed: Bool
                if case .integer(signed: let s, _) = argument.type.kind { signed = s } else { signed = false }
                parts.append(.conversion(argument: argument.name, spec: spec, isSigned: signed))
            }
        }
        self.parts = parts
    }

    /// The runtime's description of a parsed conversion, or nil for what the template does not handle.
    static func spec(_ conversion: FormatConversion) -> PrintfSpec? {
        let kinds: [Character: PrintfConversion] = ["d": .d, "i": .i, "u": .u, "x": .x, "X": .X, "o": .o, "s": .s]
        guard let specifier = conversion.specifier, let kind = kinds[specifier] else { return nil }
        var flags: PrintfFlags = []
        for flag in conversion.flags {
            switch flag {
            case "-": flags.insert(.leftJustify)
            case "+": flags.insert(.forceSign)
            case " ": flags.insert(.spaceSign)
            case "#": flags.insert(.alternate)
            case "0": flags.insert(.zeroPad)
            default: break
            }
        }
        func count(_ value: FormatConversion.Count) -> Int32?? {
            switch value {
            case .none: .some(nil)
            case .fixed(let number): .some(Int32(clamping: number))
            case .star: nil
            }
        }
        guard let width = count(conversion.width), let precision = count(conversion.precision) else { return nil }
        let lengths: [FormatConversion.Length: PrintfLength] = [
            .none: .none, .hh: .char, .h: .short, .l: .long, .ll: .longLong, .z: .size, .j: .intmax, .t: .ptrdiff,
        ]
        return PrintfSpec(kind, flags: flags, width: width, precision: precision, length: lengths[conversion.length] ?? .none)
    }

    /// The message for `fields`, as C printf renders the format (a missing field prints as 0 or the empty string).
    public func render(_ fields: [String: FieldValue]) -> String {
        var buffer = PrintfBuffer()
        for part in parts {
            switch part {
            case .literal(let bytes):
                buffer.appendBytes(bytes)
            case .conversion(let argument, let spec, _):
                switch (spec.conversion, fields[argument]) {
                case (.s, .string(let text)): buffer.appendString(text, spec)
                case (.s, let other): buffer.appendString(other?.description ?? "", spec)
                case (.d, let value), (.i, let value): buffer.appendSigned(Self.signed(value), spec)
                case (_, let value): buffer.appendUnsigned(UInt64(bitPattern: Self.signed(value)), spec)
                }
            }
        }
        return buffer.text
    }

    private static func signed(_ value: FieldValue?) -> Int64 {
        switch value {
        case .signed(let number): number
        case .unsigned(let number): Int64(bitPattern: number)
        case .string(let text): Int64(text) ?? 0
        case nil: 0
        }
    }

    /// The fields a message rendered from this template holds, or nil when the message does not fit it.
    ///
    /// Numbers are read in the conversion's base; a `%s` takes the shortest text after which the rest fits.
    public func match(_ message: String) -> [String: FieldValue]? {
        var fields: [String: FieldValue] = [:]
        let bytes = Array(message.utf8)
        return match(bytes[...], parts: parts[...], into: &fields) ? fields : nil
    }

    private func match(_ text: ArraySlice<UInt8>, parts: ArraySlice<Part>, into fields: inout [String: FieldValue]) -> Bool {
        guard let part = parts.first else { return text.isEmpty }
        let rest = parts.dropFirst()
        switch part {
        case .literal(let literal):
            guard text.starts(with: literal) else { return false }
            return match(text.dropFirst(literal.count), parts: rest, into: &fields)
        case .conversion(let argument, let spec, let isSigned):
            if spec.conversion == .s {
                // Shortest first; the last conversion takes everything that is left.
                let lengths = rest.isEmpty ? [text.count] : Array(0...text.count)
                for length in lengths where match(text.dropFirst(length), parts: rest, into: &fields) {
                    fields[argument] = .string(String(decoding: text.prefix(length), as: UTF8.self))
                    return true
                }
                return false
            }
            let (value, used) = Self.number(text, spec: spec, signed: isSigned)
            guard let value, match(text.dropFirst(used), parts: rest, into: &fields) else { return false }
            fields[argument] = value
            return true
        }
    }

    /// The number at the start of `text` (after any padding) in the base of `spec`, and the bytes it used.
    private static func number(_ text: ArraySlice<UInt8>, spec: PrintfSpec, signed: Bool) -> (FieldValue?, Int) {
        var index = text.startIndex
        while index < text.endIndex, text[index] == UInt8(ascii: " ") { index += 1 }
        var negative = false
        if index < text.endIndex, text[index] == UInt8(ascii: "-") || text[index] == UInt8(ascii: "+") {
            negative = text[index] == UInt8(ascii: "-")
            index += 1
        }
        let radix: Int
        switch spec.conversion {
        case .x, .X: radix = 16
        case .o: radix = 8
        default: radix = 10
        }
        if radix == 16, text[index...].starts(with: Array("0x".utf8)) || text[index...].starts(with: Array("0X".utf8)),
            spec.flags.contains(.alternate)
        {
            index += 2
        }
        let start = index
        while index < text.endIndex, (Character(UnicodeScalar(text[index])).hexDigitValue ?? radix) < radix { index += 1 }
        guard index > start, let magnitude = UInt64(String(decoding: text[start..<index], as: UTF8.self), radix: radix)
        else { return (nil, 0) }
        let used = index - text.startIndex
        if spec.conversion == .d || spec.conversion == .i || signed {
            let value = negative ? -Int64(clamping: magnitude) : Int64(bitPattern: magnitude)
            return (.signed(value), used)
        }
        return (.unsigned(magnitude), used)
    }
}
