/// Writes the `PrintfBuffer` calls that render an event's format, one call per format segment, so nothing
/// parses a format at run time.
struct MessageRenderingWriter {
    /// The name of the buffer variable in generated code (cannot clash with a parameter: QEMU's names
    /// never start with `_ste`).
    static let buffer = "_steMessage"

    /// The out-of-line function that hands an enabled event to the runtime's backends:
    /// `_GeneratedTraceSupport.log` with a closure that builds the arguments (called only when an installed backend
    /// reads them) and one that renders the message into the buffer the runtime lends (``buffer``).
    static func logFunction(named name: String, for event: EventDeclaration, eventEntry: String) throws -> String {
        let rendering = try statements(for: event)
        let values = event.arguments.map(SwiftTypeMapping.traceValue)
        var text = "@inline(never)\nprivate func \(name)(\(SwiftWriter.parameterList(event))) {\n"
        text += "    _GeneratedTraceSupport.log(\(eventEntry), arguments: { [\(values.joined(separator: ", "))] }) { "
        guard !rendering.isEmpty else { return text + "_ in }\n}\n" }
        text += "\(buffer) in\n"
        for line in rendering { text += "        \(line)\n" }
        return text + "    }\n}\n"
    }

    /// The statements that append the event's message to ``buffer``, one per line, unindented.
    static func statements(for event: EventDeclaration) throws -> [String] {
        guard let format = event.format else { return [] }
        var lines: [String] = []
        var diagnostics: [Diagnostic] = []
        var next = 0
        func take(_ conversion: FormatConversion) -> EventArgument? {
            guard next < event.arguments.count else {
                diagnostics.append(Diagnostic(.error, "format conversion '\(conversion.text)' has no matching argument", at: conversion.location))
                return nil
            }
            defer { next += 1 }
            return event.arguments[next]
        }
        func countExpression(_ count: FormatConversion.Count, _ conversion: FormatConversion) -> String? {
            switch count {
            case .none: return nil
            case .fixed(let value): return String(value)
            case .star:
                guard let argument = take(conversion) else { return "0" }
                let name = SwiftTypeMapping.parameterName(argument.name)
                switch argument.type.kind {
                case .integer: return "Int32(truncatingIfNeeded: \(name))"
                case .bool: return "(\(name) ? 1 : 0)"
                default:
                    diagnostics.append(Diagnostic(.error, "'*' in '\(conversion.text)' needs an integer argument, but '\(argument.name)' is '\(argument.type)'", at: conversion.location))
                    return "0"
                }
            }
        }
        for segment in format.segments {
            switch segment {
            case .literal(let bytes):
                for run in Self.utf8Runs(bytes) {
                    if run.isValid, let literal = SwiftTypeMapping.stringLiteral(run.bytes) {
                        lines.append("\(buffer).appendLiteral(\(literal))")
                    } else {
                        lines.append("\(buffer).appendBytes([\(run.bytes.map { "0x" + String($0, radix: 16, uppercase: true) }.joined(separator: ", "))])")
                    }
                }
            case .conversion(let conversion):
                guard let specifier = conversion.specifier, let kind = Self.conversionName(specifier) else {
                    diagnostics.append(Diagnostic(.error, "unsupported format conversion '\(conversion.text)'", at: conversion.location))
                    continue
                }
                let width = countExpression(conversion.width, conversion)
                let precision = countExpression(conversion.precision, conversion)
                guard let argument = take(conversion) else { continue }
                let spec = Self.spec(kind, conversion: conversion, width: width, precision: precision)
                let name = SwiftTypeMapping.parameterName(argument.name)
                let kindOfArgument = argument.type.kind
                func mismatch() {
                    diagnostics.append(Diagnostic(.error, "format conversion '\(conversion.text)' does not fit argument '\(argument.name)' of type '\(argument.type)'", at: conversion.location))
                }
                switch specifier {
                case "d", "i", "c":
                    let method = specifier == "c" ? "appendCharacter" : "appendSigned"
                    switch kindOfArgument {
                    case .integer(signed: true, _): lines.append("\(buffer).\(method)(Int64(\(name)), \(spec))")
                    case .integer(signed: false, _): lines.append("\(buffer).\(method)(Int64(truncatingIfNeeded: \(name)), \(spec))")
                    case .bool: lines.append("\(buffer).\(method)(\(name) ? 1 : 0, \(spec))")
                    case .pointer: lines.append("\(buffer).\(method)(Int64(Int(bitPattern: \(name))), \(spec))")
                    default: mismatch()
                    }
                case "u", "x", "X", "o":
                    switch kindOfArgument {
                    case .integer(signed: true, _): lines.append("\(buffer).appendUnsigned(UInt64(bitPattern: Int64(\(name))), \(spec))")
                    case .integer(signed: false, _): lines.append("\(buffer).appendUnsigned(UInt64(\(name)), \(spec))")
                    case .bool: lines.append("\(buffer).appendUnsigned(\(name) ? 1 : 0, \(spec))")
                    case .pointer: lines.append("\(buffer).appendUnsigned(UInt64(UInt(bitPattern: \(name))), \(spec))")
                    default: mismatch()
                    }
                case "s":
                    if case .string = kindOfArgument { lines.append("\(buffer).appendString(\(name), \(spec))") } else { mismatch() }
                case "p":
                    switch kindOfArgument {
                    case .pointer: lines.append("\(buffer).appendPointer(UInt(bitPattern: \(name)), \(spec))")
                    case .integer(signed: true, _): lines.append("\(buffer).appendPointer(UInt(bitPattern: Int(truncatingIfNeeded: \(name))), \(spec))")
                    case .integer(signed: false, _): lines.append("\(buffer).appendPointer(UInt(truncatingIfNeeded: \(name)), \(spec))")
                    default: mismatch()
                    }
                default: mismatch()
                }
            }
        }
        if !diagnostics.isEmpty { throw GenerationFailure(diagnostics) }
        return lines
    }

    /// Splits literal bytes into runs of valid UTF-8 (which become string literals) and runs of bytes that
    /// are not (from `\xNN` escapes), in order.
    static func utf8Runs(_ bytes: [UInt8]) -> [(isValid: Bool, bytes: [UInt8])] {
        var runs: [(isValid: Bool, bytes: [UInt8])] = []
        func append(_ piece: ArraySlice<UInt8>, valid: Bool) {
            if let last = runs.last, last.isValid == valid {
                runs[runs.count - 1].bytes += piece
            } else {
                runs.append((valid, Array(piece)))
            }
        }
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            let length = lead < 0x80 ? 1 : lead >> 5 == 0b110 ? 2 : lead >> 4 == 0b1110 ? 3 : lead >> 3 == 0b11110 ? 4 : 0
            if length > 0, index + length <= bytes.count,
                String(validating: bytes[index..<index + length], as: UTF8.self) != nil
            {
                append(bytes[index..<index + length], valid: true)
                index += length
            } else {
                append(bytes[index...index], valid: false)
                index += 1
            }
        }
        return runs
    }

    /// The `PrintfConversion` case for a specifier, or nil when the runtime has none.
    static func conversionName(_ specifier: Character) -> String? {
        switch specifier {
        case "d", "i", "u", "x", "X", "o", "c", "s", "p": return String(specifier)
        default: return nil
        }
    }

    /// `PrintfSpec(...)` with only the parts that differ from the defaults.
    static func spec(_ kind: String, conversion: FormatConversion, width: String?, precision: String?) -> String {
        var parts = [".\(kind)"]
        var flags: [String] = []
        for flag in conversion.flags {
            let name: String
            switch flag {
            case "-": name = ".leftJustify"
            case "+": name = ".forceSign"
            case " ": name = ".spaceSign"
            case "#": name = ".alternate"
            case "0": name = ".zeroPad"
            default: continue
            }
            if !flags.contains(name) { flags.append(name) }
        }
        if !flags.isEmpty { parts.append("flags: [\(flags.joined(separator: ", "))]") }
        if let width { parts.append("width: \(width)") }
        if let precision { parts.append("precision: \(precision)") }
        let length: String?
        switch conversion.length {
        case .none: length = nil
        case .hh: length = ".char"
        case .h: length = ".short"
        case .l: length = ".long"
        case .ll: length = ".longLong"
        case .z: length = ".size"
        case .j: length = ".intmax"
        case .t: length = ".ptrdiff"
        }
        if let length { parts.append("length: \(length)") }
        return "PrintfSpec(\(parts.joined(separator: ", ")))"
    }
}
