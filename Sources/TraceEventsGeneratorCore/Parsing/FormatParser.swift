/// Parses an event's format: C string literals with `<inttypes.h>` and QEMU macros between them, up to the
/// end of the line or a `,` outside the literals (which separates the two formats of a `tcg` event).
enum FormatParser {
    static func parse(
        _ scanner: inout LineScanner, targetLongBits: Int?, diagnostics: inout [Diagnostic]
    ) -> EventFormat? {
        let start = scanner.location
        var pieces: [EventFormat.Piece] = []
        var bytes: [UInt8] = []
        // For each byte printf will see, the column it came from, so conversions are reported in place.
        var columns: [Int] = []
        // Room for the rest of the line, which a format's bytes rarely exceed (a macro is longer than its expansion).
        bytes.reserveCapacity(scanner.bytes.count - scanner.index)
        columns.reserveCapacity(scanner.bytes.count - scanner.index)
        var failed = false
        while true {
            scanner.skipBlanks()
            guard let next = scanner.peek, next != UInt8(ascii: ",") else { break }
            if next == UInt8(ascii: "\"") {
                guard let literal = parseLiteral(&scanner, into: &bytes, columns: &columns, diagnostics: &diagnostics)
                else {
                    failed = true
                    break
                }
                pieces.append(.literal(literal))
            } else if next.isIdentifierStart {
                let location = scanner.location
                let macro = scanner.identifier() ?? ""
                var expansion = ""
                switch QEMUFormatMacros.expansion(of: macro, targetLongBits: targetLongBits) {
                case .text(let text): expansion = text
                case .needsTargetLongBits:
                    diagnostics.append(
                        Diagnostic(
                            .error,
                            "'\(macro)' depends on the QEMU target's word size; write '# \(GenerationNames.directivePrefix) "
                                + "\(QEMUFormatMacros.targetLongBitsKey)=64' (or =32) on a line before this event",
                            at: location))
                    failed = true
                case .unknown:
                    diagnostics.append(
                        Diagnostic(
                            .error,
                            "unknown macro '\(macro)' in format; only <inttypes.h> PRI macros and QEMU's HWADDR_PRI*, "
                                + "TARGET_FMT_* and RAM_ADDR_FMT may stand between strings",
                            at: location))
                    failed = true
                }
                if failed { break }
                pieces.append(.macro(macro))
                bytes += expansion.utf8
                columns += Array(repeating: location.column, count: expansion.utf8.count)
            } else {
                let text = scanner.remainder.prefix(1)
                diagnostics.append(
                    Diagnostic(.error, "expected a string literal or a PRI macro in format, found '\(text)'",
                        at: scanner.location))
                failed = true
                break
            }
        }
        if failed { return nil }
        let before = diagnostics.count
        let segments = ConversionParser.segments(
            of: bytes, columns: columns, file: start.file, line: start.line, diagnostics: &diagnostics)
        if diagnostics.count != before { return nil }
        return EventFormat(pieces: pieces, bytes: bytes, segments: segments, location: start, byteColumns: columns)
    }

    /// Reads one `"..."`, appending its decoded bytes, and returns its text as written.
    private static func parseLiteral(
        _ scanner: inout LineScanner, into bytes: inout [UInt8], columns: inout [Int], diagnostics: inout [Diagnostic]
    ) -> String? {
        let open = scanner.index
        scanner.advance()
        while let byte = scanner.peek {
            let column = scanner.index + 1
            if byte == UInt8(ascii: "\"") {
                scanner.advance()
                return String(decoding: scanner.bytes[(open + 1)..<(scanner.index - 1)], as: UTF8.self)
            }
            if byte != UInt8(ascii: "\\") {
                bytes.append(byte)
                columns.append(column)
                scanner.advance()
                continue
            }
            scanner.advance()
            guard let escaped = EscapeDecoder.decode(&scanner) else {
                diagnostics.append(
                    Diagnostic(.error, "invalid escape sequence in string literal", at: scanner.location(at: column - 1)))
                return nil
            }
            bytes.append(escaped)
            columns.append(column)
        }
        diagnostics.append(Diagnostic(.error, "unterminated string literal in format", at: scanner.location(at: open)))
        return nil
    }
}

/// Decodes the C escape after a backslash.
enum EscapeDecoder {
    private static let simple: [UInt8: UInt8] = [
        UInt8(ascii: "n"): 0x0A, UInt8(ascii: "t"): 0x09, UInt8(ascii: "r"): 0x0D, UInt8(ascii: "a"): 0x07,
        UInt8(ascii: "b"): 0x08, UInt8(ascii: "f"): 0x0C, UInt8(ascii: "v"): 0x0B, UInt8(ascii: "\\"): 0x5C,
        UInt8(ascii: "\""): 0x22, UInt8(ascii: "'"): 0x27, UInt8(ascii: "?"): 0x3F,
    ]

    static func decode(_ scanner: inout LineScanner) -> UInt8? {
        guard let byte = scanner.peek else { return nil }
        if let value = simple[byte] {
            scanner.advance()
            return value
        }
        if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "7") {
            var value = 0
            var digits = 0
            while digits < 3, let digit = scanner.peek, digit >= UInt8(ascii: "0") && digit <= UInt8(ascii: "7") {
                value = value * 8 + Int(digit - UInt8(ascii: "0"))
                digits += 1
                scanner.advance()
            }
            return value <= 0xFF ? UInt8(value) : nil
        }
        if byte == UInt8(ascii: "x") {
            scanner.advance()
            var value = 0
            var digits = 0
            while let digit = scanner.peek, let nibble = hexValue(digit) {
                value = value * 16 + nibble
                digits += 1
                scanner.advance()
                if value > 0xFF { return nil }
            }
            return digits > 0 ? UInt8(value) : nil
        }
        return nil
    }

    private static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(byte - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(byte - UInt8(ascii: "A")) + 10
        default: nil
        }
    }
}

/// The `<inttypes.h>` format macros and what they expand to on LP64 glibc (Linux x86_64 and aarch64).
public enum InttypesMacros {
    /// The expansion of `macro`, such as `"lx"` for `PRIx64`, or nil if it is not such a macro.
    public static func expansion(of macro: String) -> String? { table[macro] }

    /// Every macro and its expansion: `PRI`, a conversion, a size; `l` for the sizes that are `long`.
    private static let table: [String: String] = {
        let int = ["8", "16", "32", "LEAST8", "LEAST16", "LEAST32", "FAST8"]
        let long = ["64", "LEAST64", "FAST16", "FAST32", "FAST64", "MAX", "PTR"]
        var table: [String: String] = [:]
        for conversion in "diouxX" {
            for size in int { table["PRI\(conversion)\(size)"] = String(conversion) }
            for size in long { table["PRI\(conversion)\(size)"] = "l\(conversion)" }
        }
        return table
    }()
}
