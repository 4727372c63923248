/// A cursor over the bytes of one line that knows its file position, for parsers that report columns.
struct LineScanner {
    let bytes: [UInt8]
    let file: String
    let line: Int
    private(set) var index = 0

    init(bytes: [UInt8], file: String, line: Int) {
        self.bytes = bytes
        self.file = file
        self.line = line
    }

    var isAtEnd: Bool { index >= bytes.count }
    var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    /// The location of the current byte (or of the end of the line).
    var location: TextLocation { location(at: index) }

    func location(at offset: Int) -> TextLocation {
        TextLocation(file: file, line: line, column: offset + 1)
    }

    mutating func advance(by count: Int = 1) { index = min(index + count, bytes.count) }

    mutating func skipBlanks() {
        while let byte = peek, byte.isBlank { index += 1 }
    }

    /// Consumes `byte` if it is next.
    mutating func consume(_ byte: UInt8) -> Bool {
        guard peek == byte else { return false }
        index += 1
        return true
    }

    /// Consumes a C identifier (`[A-Za-z_][A-Za-z0-9_]*`) if one is next.
    mutating func identifier() -> String? {
        guard let first = peek, first.isIdentifierStart else { return nil }
        let start = index
        while let byte = peek, byte.isIdentifierContinuation { index += 1 }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    /// The rest of the line as text.
    var remainder: String { String(decoding: bytes[index...], as: UTF8.self) }
}

extension UInt8 {
    var isIdentifierStart: Bool {
        (self >= UInt8(ascii: "a") && self <= UInt8(ascii: "z")) || (self >= UInt8(ascii: "A") && self <= UInt8(ascii: "Z"))
            || self == UInt8(ascii: "_")
    }

    var isIdentifierContinuation: Bool { isIdentifierStart || isDecimalDigit }

    var isDecimalDigit: Bool { self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9") }

    /// A space or a tab: what separates words on a `trace-events` line.
    var isBlank: Bool { self == UInt8(ascii: " ") || self == UInt8(ascii: "\t") }
}
