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

    /// The statements that append the event's message to ``buffer``, one per line, unindented. Which argument
    /// each conversion prints and which ones its `*` take comes from ``FormatArgumentPairing``.
    static func statements(for event: EventDeclaration) throws -> [String] {
        guard let format = event.format, let pairing = FormatArgumentPairing(event) else { return [] }
        var lines: [String] = []
        var diagnostics: [Diagnostic] = []
        var bindings = pairing.bindings.makeIterator()
        for segment in format.segments {
            switch segment {
            case .literal(let bytes):
                lines += literalStatements(bytes)
            case .conversion:
                guard let binding = bindings.next() else { continue }
                do {
                    lines.append(try statement(for: binding, arguments: event.arguments))
                } catch let failure as GenerationFailure {
                    diagnostics += failure.diagnostics
                }
            }
        }
        if !diagnostics.isEmpty { throw GenerationFailure(diagnostics) }
        return lines
    }

    /// The appends for literal bytes: string literals for valid UTF-8, byte arrays for the rest.
    private static func literalStatements(_ bytes: [UInt8]) -> [String] {
        utf8Runs(bytes).map { run in
            if run.isValid, let literal = SwiftTypeMapping.stringLiteral(run.bytes) {
                return "\(buffer).appendLiteral(\(literal))"
            }
            return "\(buffer).appendBytes([\(run.bytes.map { "0x" + String($0, radix: 16, uppercase: true) }.joined(separator: ", "))])"
        }
    }

    /// The append for one conversion and the arguments the pairing gave it.
    private static func statement(
        for binding: FormatArgumentPairing.Binding, arguments: [EventArgument]
    ) throws -> String {
        let conversion = binding.conversion
        func fail(_ message: String) -> GenerationFailure {
            GenerationFailure([Diagnostic(.error, message, at: conversion.location)])
        }
        func argument(_ take: FormatArgumentPairing.Take) throws -> EventArgument? {
            switch take {
            case .nothing: return nil
            case .argument(let index): return arguments[index]
            case .missing: throw fail("format conversion '\(conversion.text)' has no matching argument")
            }
        }
        func count(_ count: FormatConversion.Count, _ take: FormatArgumentPairing.Take) throws -> String? {
            switch count {
            case .none: return nil
            case .fixed(let value): return String(value)
            case .star:
                guard let argument = try argument(take) else { return nil }
                let name = SwiftTypeMapping.parameterName(argument.name)
                switch argument.type.kind {
                case .integer: return "Int32(truncatingIfNeeded: \(name))"
                case .bool: return "(\(name) ? 1 : 0)"
                default:
                    throw fail("'*' in '\(conversion.text)' needs an integer argument, but '\(argument.name)' is '\(argument.type)'")
                }
            }
        }
        guard let specifier = conversion.specifier, let kind = Self.conversionName(specifier) else {
            throw fail("unsupported format conversion '\(conversion.text)'")
        }
        let width = try count(conversion.width, binding.width)
        let precision = try count(conversion.precision, binding.precision)
        if specifier == "m" {
            return "\(buffer).appendErrnoDescription(\(Self.spec("s", conversion: conversion, width: width, precision: precision)))"
        }
        guard let argument = try argument(binding.value) else { throw fail("unsupported format conversion '\(conversion.text)'") }
        if "fFeEgGaA".contains(specifier) {
            let spec = Self.floatingSpec(kind, conversion: conversion, width: width, precision: precision)
            guard case .floating = argument.type.kind else { throw mismatch(conversion, argument) }
            return "\(buffer).appendFloating(Double(\(SwiftTypeMapping.parameterName(argument.name))), \(spec))"
        }
        let spec = Self.spec(kind, conversion: conversion, width: width, precision: precision)
        guard let call = valueCall(specifier, argument, spec: spec) else { throw mismatch(conversion, argument) }
        return call
    }

    private static func mismatch(_ conversion: FormatConversion, _ argument: EventArgument) -> GenerationFailure {
        GenerationFailure([
            Diagnostic(.error, "format conversion '\(conversion.text)' does not fit argument '\(argument.name)' of type '\(argument.type)'", at: conversion.location)
        ])
    }

    /// The append of an integer, character, string or pointer conversion, or nil when the argument's type
    /// cannot be printed by it.
    private static func valueCall(_ specifier: Character, _ argument: EventArgument, spec: String) -> String? {
        let name = SwiftTypeMapping.parameterName(argument.name)
        let kind = argument.type.kind
        switch specifier {
        case "d", "i", "c":
            let method = specifier == "c" ? "appendCharacter" : "appendSigned"
            switch kind {
            case .integer(signed: true, _): return "\(buffer).\(method)(Int64(\(name)), \(spec))"
            case .integer(signed: false, _): return "\(buffer).\(method)(Int64(truncatingIfNeeded: \(name)), \(spec))"
            case .bool: return "\(buffer).\(method)(\(name) ? 1 : 0, \(spec))"
            case .pointer: return "\(buffer).\(method)(Int64(Int(bitPattern: \(name))), \(spec))"
            default: return nil
            }
        case "u", "x", "X", "o":
            switch kind {
            case .integer(signed: true, _): return "\(buffer).appendUnsigned(UInt64(bitPattern: Int64(\(name))), \(spec))"
            case .integer(signed: false, _): return "\(buffer).appendUnsigned(UInt64(\(name)), \(spec))"
            case .bool: return "\(buffer).appendUnsigned(\(name) ? 1 : 0, \(spec))"
            case .pointer: return "\(buffer).appendUnsigned(UInt64(UInt(bitPattern: \(name))), \(spec))"
            default: return nil
            }
        case "s":
            if case .string = kind { return "\(buffer).appendString(\(name), \(spec))" }
            return nil
        case "p":
            switch kind {
            case .pointer: return "\(buffer).appendPointer(UInt(bitPattern: \(name)), \(spec))"
            case .integer(signed: true, _): return "\(buffer).appendPointer(UInt(bitPattern: Int(truncatingIfNeeded: \(name))), \(spec))"
            case .integer(signed: false, _): return "\(buffer).appendPointer(UInt(truncatingIfNeeded: \(name)), \(spec))"
            default: return nil
            }
        default: return nil
        }
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
        case "d", "i", "u", "x", "X", "o", "c", "s", "p", "m", "f", "F", "e", "E", "g", "G", "a", "A": return String(specifier)
        default: return nil
        }
    }

    /// `PrintfFloatingSpec(...)` with only the parts that differ from the defaults.
    static func floatingSpec(_ kind: String, conversion: FormatConversion, width: String?, precision: String?) -> String {
        var parts = [".\(kind)"]
        parts += specParts(conversion: conversion, width: width, precision: precision)
        return "PrintfFloatingSpec(\(parts.joined(separator: ", ")))"
    }

    /// `PrintfSpec(...)` with only the parts that differ from the defaults.
    static func spec(_ kind: String, conversion: FormatConversion, width: String?, precision: String?) -> String {
        var parts = [".\(kind)"]
        parts += specParts(conversion: conversion, width: width, precision: precision)
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

    /// The flags, width and precision arguments of a spec.
    private static func specParts(conversion: FormatConversion, width: String?, precision: String?) -> [String] {
        var parts: [String] = []
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
        return parts
    }
}
