// Renders printf conversions exactly as glibc does. The generator parses each format at build time and
// emits one append call per piece, so nothing parses a format string at run time.

/// Flags of one printf conversion (`-`, `+`, space, `#`, `0`).
public struct PrintfFlags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    /// Creates flags from their raw bits.
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    /// `-`: left-justify within the field width.
    public static let leftJustify = PrintfFlags(rawValue: 1 << 0)
    /// `+`: always print a sign for signed conversions.
    public static let forceSign = PrintfFlags(rawValue: 1 << 1)
    /// ` `: print a space where a `+` sign would go.
    public static let spaceSign = PrintfFlags(rawValue: 1 << 2)
    /// `#`: alternate form (`0x` prefix, leading `0` for octal).
    public static let alternate = PrintfFlags(rawValue: 1 << 3)
    /// `0`: pad with zeros instead of spaces.
    public static let zeroPad = PrintfFlags(rawValue: 1 << 4)
}

/// The length modifier of a conversion, which fixes the width the argument is converted to.
public enum PrintfLength: UInt8, Sendable, Hashable {
    /// No modifier: `int` / `unsigned int`.
    case none
    /// `hh`: `signed char` / `unsigned char`.
    case char
    /// `h`: `short` / `unsigned short`.
    case short
    /// `l`: `long` (64-bit on Linux x86_64 and aarch64).
    case long
    /// `ll`: `long long`.
    case longLong
    /// `z`: `size_t` / `ssize_t`.
    case size
    /// `j`: `intmax_t`.
    case intmax
    /// `t`: `ptrdiff_t`.
    case ptrdiff
}

/// The conversion specifier character.
public enum PrintfConversion: UInt8, Sendable, Hashable {
    case d, i, u, x, X, o, c, s, p
}

/// Everything about one conversion but its argument. `*` widths and precisions arrive here already
/// resolved to the value of their `int` argument (a negative width means left-justify, a negative precision
/// means none, as in C).
public struct PrintfSpec: Sendable, Hashable {
    /// The conversion specifier.
    public var conversion: PrintfConversion
    /// The flags.
    public var flags: PrintfFlags
    /// The minimum field width, or nil.
    public var width: Int32?
    /// The precision, or nil.
    public var precision: Int32?
    /// The length modifier.
    public var length: PrintfLength

    /// Creates a conversion specification.
    public init(
        _ conversion: PrintfConversion,
        flags: PrintfFlags = [],
        width: Int32? = nil,
        precision: Int32? = nil,
        length: PrintfLength = .none
    ) {
        self.conversion = conversion
        self.flags = flags
        self.width = width
        self.precision = precision
        self.length = length
    }
}

/// A message being rendered, as bytes (C's `%s` and `%.Ns` count bytes, not characters).
public struct PrintfBuffer: Sendable {
    /// The rendered bytes.
    public private(set) var bytes: [UInt8]

    /// Creates an empty buffer.
    public init(capacity: Int = 128) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Appends literal text of the format (already unescaped from C).
    public mutating func appendLiteral(_ text: StaticString) {
        fatalError("not implemented yet: runtime issue")
    }

    /// Appends literal bytes that are not valid UTF-8 (from `\xNN` escapes in C string literals).
    public mutating func appendBytes(_ literal: [UInt8]) {
        bytes.append(contentsOf: literal)
    }

    /// Appends a `%d`/`%i` conversion. `value` is the argument widened to 64 bits with its C type's
    /// signedness; the spec's length modifier truncates it as C would.
    public mutating func appendSigned(_ value: Int64, _ spec: PrintfSpec) {
        fatalError("not implemented yet: runtime issue")
    }

    /// Appends a `%u`/`%x`/`%X`/`%o` conversion (same widening rules as ``appendSigned(_:_:)``).
    public mutating func appendUnsigned(_ value: UInt64, _ spec: PrintfSpec) {
        fatalError("not implemented yet: runtime issue")
    }

    /// Appends a `%c` conversion (the argument converted to `unsigned char`).
    public mutating func appendCharacter(_ value: Int64, _ spec: PrintfSpec) {
        fatalError("not implemented yet: runtime issue")
    }

    /// Appends a `%s` conversion; nil prints `(null)` as glibc does.
    public mutating func appendString(_ value: String?, _ spec: PrintfSpec) {
        fatalError("not implemented yet: runtime issue")
    }

    /// Appends a `%p` conversion as glibc prints it (`0x…`, or `(nil)`).
    public mutating func appendPointer(_ value: UInt, _ spec: PrintfSpec) {
        fatalError("not implemented yet: runtime issue")
    }
}
