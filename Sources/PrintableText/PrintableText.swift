/// Text from outside the program (a `trace-events` line, a file name, bytes from a peer) made safe to print
/// in a one-line message: control and non-printing characters escaped as C escapes, and long stretches cut
/// to a bounded excerpt.
///
/// Every diagnostic and error message of the project passes outside text through here, so a terminal never
/// acts on an ESC from the input, a line-based reader never sees one message as two, and a 1 MB line never
/// becomes a 1 MB message.
public enum PrintableText {
    /// The most bytes of outside text one message quotes before it is cut.
    public static let defaultLimit = 80

    /// `text` with every character that is not printable written as a C escape (`\n`, `\r`, `\t`, `\v`, `\f`,
    /// `\a`, `\b`, `\e` as `\x1b`, `\0`, other bytes as `\xHH`, non-printing Unicode scalars such as U+2028
    /// as `\u2028`). A backslash stays as it is: trace-events formats are C strings, and people expect to
    /// see their own escapes as they wrote them.
    public static func escaped(_ text: some StringProtocol) -> String {
        // Nearly all text is printable ASCII, which needs no escape: one pass over the bytes instead of a
        // scalar-by-scalar copy (the generator escapes every event's format and path).
        if isPrintableASCII(text) { return String(text) }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            appendEscaped(scalar, to: &result)
        }
        return result
    }

    /// `text` escaped, and when it is longer than `limit` bytes, its start and end joined by `...` with the
    /// number of bytes left out, e.g. `%------...(39,990 bytes)...---d`.
    public static func excerpt(_ text: some StringProtocol, limit: Int = defaultLimit) -> String {
        let utf8 = text.utf8
        guard utf8.count > limit else { return escaped(text) }
        let keep = max(limit / 2 - 4, 1)
        let head = prefix(text, bytes: keep)
        let tail = suffix(text, bytes: keep)
        let omitted = utf8.count - head.utf8.count - tail.utf8.count
        return escaped(head) + "...(\(omitted) bytes)..." + escaped(tail)
    }

    /// A message whose outside text is quoted in single quotes (`unknown conversion '%q'`), made printable:
    /// every part escaped, each quoted part longer than `limit` bytes cut to an ``excerpt(_:limit:)``, and
    /// each unquoted part longer than four times the limit cut too (the project's own prose is shorter).
    ///
    /// The project's messages quote every piece of outside text this way, so bounding the quoted parts
    /// bounds the message whatever the input. A quote opens after a non-letter and closes before one, so
    /// the apostrophe of `QEMU's` in the prose opens nothing.
    public static func message(_ text: String, limit: Int = defaultLimit) -> String {
        guard !isPrintableASCII(text) || text.utf8.count > limit else { return text }
        var result = ""
        for (part, isQuoted) in quotedParts(of: text) {
            result += excerpt(part, limit: isQuoted ? limit : 4 * limit)
        }
        return result
    }

    /// `text` cut into unquoted and quoted parts; quotes stay with the unquoted parts around them.
    private static func quotedParts(of text: String) -> [(part: Substring, isQuoted: Bool)] {
        let scalars = Array(text.unicodeScalars)
        var parts: [(Substring, Bool)] = []
        var partStart = text.unicodeScalars.startIndex
        var index = text.unicodeScalars.startIndex
        var position = 0
        var isInsideQuote = false
        func isWordScalar(_ offset: Int) -> Bool {
            guard offset >= 0, offset < scalars.count else { return false }
            return scalars[offset].properties.isAlphabetic || ("0"..."9").contains(scalars[offset])
        }
        while index < text.unicodeScalars.endIndex {
            let next = text.unicodeScalars.index(after: index)
            if scalars[position] == "'" {
                if !isInsideQuote, !isWordScalar(position - 1) {
                    parts.append((Substring(text.unicodeScalars[partStart..<next]), false))
                    partStart = next
                    isInsideQuote = true
                } else if isInsideQuote, !isWordScalar(position + 1) {
                    parts.append((Substring(text.unicodeScalars[partStart..<index]), true))
                    partStart = index
                    isInsideQuote = false
                }
            }
            index = next
            position += 1
        }
        parts.append((Substring(text.unicodeScalars[partStart...]), isInsideQuote))
        return parts
    }

    /// A printable rendering of raw bytes (a name or id read from a peer or a file), cut after `limit` bytes.
    public static func excerpt(bytes: some Collection<UInt8>, limit: Int = defaultLimit) -> String {
        let shown = bytes.prefix(limit)
        var result = escaped(String(decoding: shown, as: UTF8.self))
        if bytes.count > limit { result += "...(\(bytes.count - limit) more bytes)" }
        return result
    }

    /// Whether every byte of `text` is printable ASCII (space to `~`): such text needs no escape.
    private static func isPrintableASCII(_ text: some StringProtocol) -> Bool {
        text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }

    private static func appendEscaped(_ scalar: Unicode.Scalar, to result: inout String) {
        switch scalar {
        case "\n": result += "\\n"
        case "\r": result += "\\r"
        case "\t": result += "\\t"
        case "\u{0B}": result += "\\v"
        case "\u{0C}": result += "\\f"
        case "\u{07}": result += "\\a"
        case "\u{08}": result += "\\b"
        case "\0": result += "\\0"
        case "\u{FFFD}": result += "\\uFFFD"
        default:
            if scalar.value < 0x20 || scalar.value == 0x7F {
                result += "\\x" + hex(scalar.value, digits: 2)
            } else if isNonPrinting(scalar) {
                result += scalar.value > 0xFFFF ? "\\U" + hex(scalar.value, digits: 8) : "\\u" + hex(scalar.value, digits: 4)
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
    }

    /// C1 controls, line and paragraph separators, format characters (bidi overrides, zero-width joiners)
    /// and unassigned or private-use scalars: everything a terminal or a line-based reader may act on or not
    /// show.
    private static func isNonPrinting(_ scalar: Unicode.Scalar) -> Bool {
        if (0x80...0x9F).contains(scalar.value) { return true }
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .unassigned, .privateUse, .surrogate:
            return true
        default:
            return false
        }
    }

    private static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(digits - text.count, 0)) + text
    }

    /// The longest prefix of whole characters within `bytes` UTF-8 bytes.
    private static func prefix(_ text: some StringProtocol, bytes: Int) -> Substring {
        let string = Substring(text)
        var end = string.startIndex
        var used = 0
        for index in string.indices {
            let width = string[index].utf8.count
            if used + width > bytes { break }
            used += width
            end = string.index(after: index)
        }
        return string[..<end]
    }

    /// The longest suffix of whole characters within `bytes` UTF-8 bytes.
    private static func suffix(_ text: some StringProtocol, bytes: Int) -> Substring {
        let string = Substring(text)
        var start = string.endIndex
        var used = 0
        while start > string.startIndex {
            let previous = string.index(before: start)
            let width = string[previous].utf8.count
            if used + width > bytes { break }
            used += width
            start = previous
        }
        return string[start...]
    }
}
