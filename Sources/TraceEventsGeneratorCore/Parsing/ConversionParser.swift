/// Cuts the bytes of a format into literal runs and printf conversions.
enum ConversionParser {
    private static let flagCharacters: Set<UInt8> = Set("-+ #0".utf8)
    private static let specifiers: Set<UInt8> = Set("diuxXocspmfFeEgGaA".utf8)
    /// The most conversions a format may hold. An event has at most ten arguments and each conversion takes
    /// at most three, so no format that fits its event comes near; the bound keeps what one line can cost
    /// (conversions, pairings, diagnostics) from growing with a megabyte of `%d`.
    static let maximumConversions = 256

    static func segments(
        of bytes: [UInt8], columns: [Int], file: String, line: Int, diagnostics: inout [Diagnostic]
    ) -> [FormatSegment] {
        var segments: [FormatSegment] = []
        var literal: [UInt8] = []
        var index = 0
        var conversions = 0
        func location(_ offset: Int) -> TextLocation {
            TextLocation(file: file, line: line, column: columns[min(offset, columns.count - 1)])
        }
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "%") else {
                literal.append(bytes[index])
                index += 1
                continue
            }
            let start = index
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "%") {
                literal.append(UInt8(ascii: "%"))
                index += 1
                continue
            }
            conversions += 1
            if conversions > maximumConversions {
                diagnostics.append(
                    Diagnostic(
                        .error,
                        "format has more than \(maximumConversions) conversions; an event has at most "
                            + "\(TraceEventsValidator.maximumArgumentCount) arguments",
                        at: location(start)))
                break
            }
            var flags: [UInt8] = []
            while index < bytes.count, flagCharacters.contains(bytes[index]) {
                flags.append(bytes[index])
                index += 1
            }
            let width = count(bytes, &index)
            var precision = FormatConversion.Count.none
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                precision = count(bytes, &index)
                if precision == .none { precision = .fixed(0) }
            }
            let length = lengthModifier(bytes, &index)
            var specifier: Character?
            if index < bytes.count {
                specifier = Character(Unicode.Scalar(bytes[index]))
                index += 1
            }
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            let conversion = FormatConversion(
                flags: String(decoding: flags, as: UTF8.self), width: width, precision: precision, length: length,
                specifier: specifier, text: text, location: location(start))
            if specifier == nil {
                diagnostics.append(
                    Diagnostic(.error, "incomplete conversion '\(bytes[start..<index].escapedForMessage)' at the end of the format", at: conversion.location))
            } else if !specifiers.contains(bytes[index - 1]) {
                diagnostics.append(
                    Diagnostic(
                        .error, unknownConversionMessage(bytes[start..<index].escapedForMessage, specifier: bytes[index - 1]),
                        at: conversion.location))
            }
            if !literal.isEmpty {
                segments.append(.literal(literal))
                literal = []
            }
            segments.append(.conversion(conversion))
        }
        if !literal.isEmpty { segments.append(.literal(literal)) }
        return segments
    }

    /// Why a conversion character is refused, with the reason when it is a real printf conversion.
    private static func unknownConversionMessage(_ text: String, specifier: UInt8) -> String {
        if specifier == UInt8(ascii: "$") {
            return "positional argument '\(text)' in format; trace formats take their arguments in order"
        }
        if specifier == UInt8(ascii: "n") {
            return "conversion '\(text)' writes through its argument and is not allowed in a trace format"
        }
        return "unknown conversion '\(text)' in format"
    }

    private static func count(_ bytes: [UInt8], _ index: inout Int) -> FormatConversion.Count {
        if index < bytes.count, bytes[index] == UInt8(ascii: "*") {
            index += 1
            return .star
        }
        var value = 0
        var digits = 0
        while index < bytes.count, bytes[index].isDecimalDigit {
            value = min(value * 10 + Int(bytes[index] - UInt8(ascii: "0")), Int(Int32.max))
            digits += 1
            index += 1
        }
        return digits > 0 ? .fixed(value) : .none
    }

    private static func lengthModifier(_ bytes: [UInt8], _ index: inout Int) -> FormatConversion.Length {
        func next(_ offset: Int) -> UInt8? { index + offset < bytes.count ? bytes[index + offset] : nil }
        switch next(0) {
        case UInt8(ascii: "h"):
            if next(1) == UInt8(ascii: "h") { index += 2; return .hh }
            index += 1
            return .h
        case UInt8(ascii: "l"):
            if next(1) == UInt8(ascii: "l") { index += 2; return .ll }
            index += 1
            return .l
        case UInt8(ascii: "z"): index += 1; return .z
        case UInt8(ascii: "j"): index += 1; return .j
        case UInt8(ascii: "t"): index += 1; return .t
        default: return .none
        }
    }
}

extension Collection where Element == UInt8 {
    /// The bytes as text with control characters, quotes' backslash and non-ASCII bytes written as C escapes, so that a
    /// message quoting a format stays on one line.
    var escapedForMessage: String {
        var escaped = ""
        for byte in self {
            switch byte {
            case UInt8(ascii: "\n"): escaped += "\\n"
            case UInt8(ascii: "\t"): escaped += "\\t"
            case UInt8(ascii: "\r"): escaped += "\\r"
            case UInt8(ascii: "\\"): escaped += "\\\\"
            case 0x20..<0x7F: escaped.unicodeScalars.append(Unicode.Scalar(byte))
            default: escaped += "\\x" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16)
            }
        }
        return escaped
    }
}
