/// A small lexer that finds `trace_<identifier>` tokens in Swift and C code while skipping comments and
/// string literals, so that a commented-out call or a log message naming an event is not taken for a use.
///
/// It knows just enough of each language for that: `//` and `/* */` comments (nested in Swift),
/// `"..."` strings, Swift's `"""` multi-line and `#"..."#` raw strings with `\(...)` interpolation
/// (whose contents are code again), and C's `'x'` character literals. Unterminated constructs end at
/// the end of the file (or, for single-line strings, at the end of the line), so any input terminates.
public struct SourceScanner {
    /// The prefix of every generated trace function.
    public static let tracePrefix = "trace_"

    /// The text's UTF-8, borrowed for the scan (no copy, no bounds-checked array in the byte loop).
    private let bytes: UnsafeBufferPointer<UInt8>
    private let language: SourceLanguage
    private let path: String
    private var index = 0
    private var tokens: [TraceCallToken] = []
    /// Where the last located token's line starts, and its number: tokens come in order, so each location
    /// counts only the newlines since the previous one (a file is not walked twice for its few tokens).
    private var lineCursor = (offset: 0, line: 1, lineStart: 0)

    private init(bytes: UnsafeBufferPointer<UInt8>, path: String, language: SourceLanguage) {
        self.bytes = bytes
        self.language = language
        self.path = path
    }

    /// Every `trace_<identifier>` token in the code of `text`, in order.
    ///
    /// - Parameters:
    ///   - text: the source file's contents.
    ///   - path: the path the tokens' locations name.
    ///   - language: how to lex it.
    public static func traceTokens(in text: String, path: String, language: SourceLanguage) -> [TraceCallToken] {
        var text = text
        // A native string is contiguous UTF-8; a bridged or shared one is made so first.
        return text.withUTF8 { bytes in
            var scanner = SourceScanner(bytes: bytes, path: path, language: language)
            scanner.scanCode(stopAtUnbalancedParen: false)
            return scanner.tokens
        }
    }

    private func byte(at offset: Int) -> UInt8? { offset < bytes.count ? bytes[offset] : nil }

    private mutating func location(of offset: Int) -> TextLocation {
        var (position, line, lineStart) = lineCursor
        while position < offset {
            if bytes[position] == UInt8(ascii: "\n") {
                line += 1
                lineStart = position + 1
            }
            position += 1
        }
        lineCursor = (position, line, lineStart)
        return TextLocation(file: path, line: line, column: offset - lineStart + 1)
    }

    /// Scans code; inside an interpolation it returns after the `)` that closes it.
    private mutating func scanCode(stopAtUnbalancedParen: Bool) {
        var depth = 0
        while let current = byte(at: index) {
            let next = byte(at: index + 1)
            switch current {
            case UInt8(ascii: "/") where next == UInt8(ascii: "/"):
                while let byte = byte(at: index), byte != UInt8(ascii: "\n") { index += 1 }
            case UInt8(ascii: "/") where next == UInt8(ascii: "*"):
                skipBlockComment()
            case UInt8(ascii: "\""):
                if language == .swift { skipSwiftString(hashes: 0) } else { skipCQuoted(UInt8(ascii: "\"")) }
            case UInt8(ascii: "'") where language == .c:
                skipCQuoted(UInt8(ascii: "'"))
            case UInt8(ascii: "#") where language == .swift:
                var hashes = 0
                while byte(at: index + hashes) == UInt8(ascii: "#") { hashes += 1 }
                if byte(at: index + hashes) == UInt8(ascii: "\"") {
                    index += hashes
                    skipSwiftString(hashes: hashes)
                } else {
                    index += hashes
                }
            case UInt8(ascii: "("):
                depth += 1
                index += 1
            case UInt8(ascii: ")"):
                index += 1
                if depth == 0 && stopAtUnbalancedParen { return }
                depth = max(0, depth - 1)
            default:
                if current.isIdentifierStart {
                    scanIdentifier()
                } else if current.isDecimalDigit {
                    // A number such as 1e5 or 0xtrace is not an identifier.
                    while let byte = byte(at: index), byte.isIdentifierContinuation { index += 1 }
                } else {
                    index += 1
                }
            }
        }
    }

    private mutating func scanIdentifier() {
        let start = index
        while let byte = byte(at: index), byte.isIdentifierContinuation || byte >= 0x80 { index += 1 }
        let prefix = Self.tracePrefix.utf8
        guard index - start > prefix.count, bytes[start..<(start + prefix.count)].elementsEqual(prefix) else { return }
        let name = String(decoding: bytes[(start + prefix.count)..<index], as: UTF8.self)
        var after = index
        while let byte = byte(at: after), byte.isBlank { after += 1 }
        tokens.append(
            TraceCallToken(
                eventName: name, location: location(of: start), byteOffset: start,
                isCall: byte(at: after) == UInt8(ascii: "(") && !followsFuncKeyword(start),
                isDeclaration: followsFuncKeyword(start)))
    }

    /// Whether the identifier at `start` is the name in a Swift `func` declaration.
    private func followsFuncKeyword(_ start: Int) -> Bool {
        guard language == .swift else { return false }
        var end = start
        while end > 0, bytes[end - 1].isBlank { end -= 1 }
        let keyword = Array("func".utf8)
        guard end < start, end >= keyword.count, Array(bytes[(end - keyword.count)..<end]) == keyword else { return false }
        return end == keyword.count || !bytes[end - keyword.count - 1].isIdentifierContinuation
    }

    private mutating func skipBlockComment() {
        index += 2
        var depth = 1
        while let current = byte(at: index) {
            let next = byte(at: index + 1)
            if current == UInt8(ascii: "*") && next == UInt8(ascii: "/") {
                index += 2
                depth -= 1
                if depth == 0 { return }
            } else if language == .swift && current == UInt8(ascii: "/") && next == UInt8(ascii: "*") {
                index += 2
                depth += 1
            } else {
                index += 1
            }
        }
    }

    /// Skips a C string or character literal, which cannot span lines.
    private mutating func skipCQuoted(_ quote: UInt8) {
        index += 1
        while let current = byte(at: index) {
            if current == UInt8(ascii: "\\") {
                index += 2
            } else if current == quote {
                index += 1
                return
            } else if current == UInt8(ascii: "\n") {
                return
            } else {
                index += 1
            }
        }
    }

    private func matches(_ pattern: [UInt8], at offset: Int) -> Bool {
        guard offset + pattern.count <= bytes.count else { return false }
        for (position, byte) in pattern.enumerated() where bytes[offset + position] != byte { return false }
        return true
    }

    /// Skips a Swift string whose opening quote is at `index`, preceded by `hashes` `#`.
    private mutating func skipSwiftString(hashes: Int) {
        let hashBytes = [UInt8](repeating: UInt8(ascii: "#"), count: hashes)
        let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
        let multiline = matches([quote, quote, quote], at: index)
        let closing = (multiline ? [quote, quote, quote] : [quote]) + hashBytes
        index += multiline ? 3 : 1
        let escape = [backslash] + hashBytes
        while let current = byte(at: index) {
            // Only a backslash or a quote can start an escape or the closing delimiter.
            if current != backslash && current != quote {
                if current == UInt8(ascii: "\n") && !multiline { return }
                index += 1
            } else if matches(escape, at: index) {
                index += escape.count
                if byte(at: index) == UInt8(ascii: "(") {
                    index += 1
                    scanCode(stopAtUnbalancedParen: true)
                } else {
                    index += 1
                }
            } else if matches(closing, at: index) {
                index += closing.count
                return
            } else {
                index += 1
            }
        }
    }
}
