import Foundation
import PrintableText

/// C string literals and comment text for generated C.
enum CLiteral {
    /// Outside text (a path) made safe inside a `/* */` comment: printable, on one line, and without `*/`.
    static func commentText(_ text: String) -> String {
        PrintableText.escaped(text).replacingOccurrences(of: "*/", with: "*\\/")
    }

    /// A C string literal holding exactly `bytes`; everything outside printable ASCII is an octal escape
    /// (three digits, so a following digit cannot extend it).
    static func string(_ bytes: some Sequence<UInt8>) -> String {
        var literal = "\""
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\\"): literal += "\\\\"
            case UInt8(ascii: "\""): literal += "\\\""
            case UInt8(ascii: "?"): literal += "\\?"  // no trigraphs
            case 0x20..<0x7F: literal.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let octal = String(byte, radix: 8)
                literal += "\\" + String(repeating: "0", count: 3 - octal.count) + octal
            }
        }
        return literal + "\""
    }

    /// A C string literal for text.
    static func string(_ text: String) -> String { string(text.utf8) }
}
