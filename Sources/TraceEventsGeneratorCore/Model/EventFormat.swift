/// An event's format as written: C string literals, with `PRIx64`-style macros between them.
public struct EventFormat: Hashable, Sendable, Codable {
    /// One token of the format as written.
    public enum Piece: Hashable, Sendable, Codable {
        /// A string literal's text between the quotes, escapes as written.
        case literal(String)
        /// A `<inttypes.h>` macro such as `PRIx64`.
        case macro(String)
    }

    /// The tokens in order.
    public var pieces: [Piece]
    /// The format as printf sees it: literals unescaped and joined, macros expanded as on LP64 glibc.
    public var bytes: [UInt8]
    /// `bytes` cut into literal text and conversions.
    public var segments: [FormatSegment]
    /// Where the format starts (its first quote).
    public var location: TextLocation
    /// For each byte of ``bytes``, the 1-based column it came from (a macro's bytes share the macro's column),
    /// so that problems inside the format are reported in place; empty for formats built by hand.
    public var byteColumns: [Int]

    /// Creates a format.
    public init(
        pieces: [Piece], bytes: [UInt8], segments: [FormatSegment], location: TextLocation, byteColumns: [Int] = []
    ) {
        self.pieces = pieces
        self.bytes = bytes
        self.segments = segments
        self.location = location
        self.byteColumns = byteColumns
    }

    /// The location of byte `offset` of ``bytes``, or the format's start when columns are unknown.
    public func location(ofByte offset: Int) -> TextLocation {
        guard byteColumns.indices.contains(offset) else { return location }
        return TextLocation(file: location.file, line: location.line, column: byteColumns[offset])
    }

    /// The format as written in the file: `"0x%"PRIx64" - 0x%"PRIx64`.
    public var source: String {
        var text = ""
        for piece in pieces {
            switch piece {
            case .literal(let literal): text += "\"\(literal)\""
            case .macro(let macro): text += macro
            }
        }
        return text
    }

    /// The conversions in order.
    public var conversions: [FormatConversion] {
        segments.compactMap { if case .conversion(let conversion) = $0 { conversion } else { nil } }
    }
}

/// A run of a format as printf sees it.
public enum FormatSegment: Hashable, Sendable, Codable {
    /// Bytes copied to the output as they are (`%%` arrives here as a single `%`).
    case literal([UInt8])
    /// A conversion that consumes arguments.
    case conversion(FormatConversion)
}

/// One printf conversion, such as `%-08.3lx`.
public struct FormatConversion: Hashable, Sendable, Codable {
    /// A field width or precision.
    public enum Count: Hashable, Sendable, Codable {
        /// Not given.
        case none
        /// A number written in the format.
        case fixed(Int)
        /// `*`: taken from an extra `int` argument before the converted one.
        case star
    }

    /// A length modifier.
    public enum Length: String, Hashable, Sendable, Codable, CaseIterable {
        /// No modifier: `int`-sized (`%d`, `%x`).
        case none = ""
        /// `hh`: `char`, promoted to `int` when passed.
        case hh
        /// `h`: `short`, promoted to `int` when passed.
        case h
        /// `l`: `long` (64 bits on LP64).
        case l
        /// `ll`: `long long`.
        case ll
        /// `z`: `size_t`.
        case z
        /// `j`: `intmax_t`.
        case j
        /// `t`: `ptrdiff_t`.
        case t
    }

    /// The flag characters as written, in order (`-`, `+`, space, `#`, `0`).
    public var flags: String
    /// The field width.
    public var width: Count
    /// The precision.
    public var precision: Count
    /// The length modifier.
    public var length: Length
    /// The conversion character (`d`, `x`, `s`, ...), or nil when the format ends inside the conversion.
    public var specifier: Character? {
        get { specifierText?.first }
        set { specifierText = newValue.map(String.init) }
    }
    private var specifierText: String?
    /// The conversion exactly as printf sees it, `%` included: `%08lx`.
    public var text: String
    /// Where the conversion's `%` stands in the file (inside a literal, or the macro that supplied it).
    public var location: TextLocation

    /// Creates a conversion.
    public init(
        flags: String,
        width: Count,
        precision: Count,
        length: Length,
        specifier: Character?,
        text: String,
        location: TextLocation
    ) {
        self.flags = flags
        self.width = width
        self.precision = precision
        self.length = length
        self.specifierText = specifier.map(String.init)
        self.text = text
        self.location = location
    }
}
