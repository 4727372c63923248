// Renders printf conversions exactly as glibc does. The generator parses each format at build time and
// emits one append call per piece, so nothing parses a format string at run time.

/// Flags of one printf conversion (`-`, `+`, space, `#`, `0`).
public struct PrintfFlags: OptionSet, Sendable, Hashable {
    /// The flag bits.
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
    /// `%d`: signed decimal.
    case d
    /// `%i`: signed decimal, the same as `%d` in output.
    case i
    /// `%u`: unsigned decimal.
    case u
    /// `%x`: unsigned hexadecimal, lowercase.
    case x
    /// `%X`: unsigned hexadecimal, uppercase.
    case X
    /// `%o`: unsigned octal.
    case o
    /// `%c`: one byte (the argument converted to `unsigned char`).
    case c
    /// `%s`: a string.
    case s
    /// `%p`: a pointer, as glibc prints it.
    case p
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
///
/// Each append renders one conversion the way glibc's `printf` does, so a message equals `snprintf` of the same
/// format byte for byte. One deliberate difference: field widths and precisions above
/// ``PrintfBuffer/maximumFieldWidth`` are clamped to it, so a garbage `*` argument cannot make a trace line
/// allocate gigabytes.
///
/// A value type with copy-on-write storage, as `Array`, but an append writes straight into reserved capacity: one
/// capacity check per conversion, not one per byte. The runtime renders each event into storage it reuses per
/// thread, so rendering a line allocates nothing; a backend that keeps a record keeps its message intact, because
/// the next line then finds the storage shared and starts a new one.
public struct PrintfBuffer: Sendable {
    /// The bytes; nil until the first append.
    var storage: PrintfStorage?
    /// The number of rendered bytes.
    public internal(set) var count: Int

    /// The largest width or precision honoured; larger ones are clamped (glibc would pad up to 2 GiB).
    public static let maximumFieldWidth: Int = 1 << 20

    /// Creates an empty buffer.
    public init(capacity: Int = 128) {
        storage = capacity > 0 ? PrintfStorage(capacity: capacity) : nil
        count = 0
    }

    /// An empty buffer that writes into `storage` (when nothing else holds it).
    init(reusing storage: PrintfStorage?) {
        self.storage = storage
        count = 0
    }

    /// The rendered bytes (a copy; ``withUnsafeBufferPointer(_:)`` reads them in place).
    public internal(set) var bytes: [UInt8] {
        get { withUnsafeBufferPointer { Array($0) } }
        set {
            count = 0
            newValue.withUnsafeBufferPointer { append(contentsOf: $0) }
        }
    }

    /// The rendered message as text; bytes that are not UTF-8 become U+FFFD.
    public var text: String {
        withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with the rendered bytes, valid only during the call.
    public func withUnsafeBufferPointer<Result>(
        _ body: (UnsafeBufferPointer<UInt8>) throws -> Result
    ) rethrows -> Result {
        // The caller lends `self` for the whole call, so the storage outlives `body` without a retain of its own.
        try body(UnsafeBufferPointer(start: storage?.base, count: count))
    }

    /// Appends literal text of the format (already unescaped from C).
    public mutating func appendLiteral(_ text: StaticString) {
        text.withUTF8Buffer { append(contentsOf: $0) }
    }

    /// Appends literal bytes that are not valid UTF-8 (from `\xNN` escapes in C string literals).
    public mutating func appendBytes(_ literal: [UInt8]) {
        literal.withUnsafeBufferPointer { append(contentsOf: $0) }
    }

    /// Appends a `%d`/`%i` conversion. `value` is the argument widened to 64 bits with its C type's
    /// signedness; the spec's length modifier truncates it as C would.
    ///
    /// Any integer conversion is accepted: with `%u`/`%x`/`%X`/`%o` the value's bits are read as unsigned,
    /// as `va_arg` would read them.
    public mutating func appendSigned(_ value: Int64, _ spec: PrintfSpec) {
        appendInteger(bitPattern: UInt64(bitPattern: value), spec)
    }

    /// Appends a `%u`/`%x`/`%X`/`%o` conversion (same widening rules as ``appendSigned(_:_:)``).
    ///
    /// Any integer conversion is accepted: with `%d`/`%i` the truncated bits are read as signed.
    public mutating func appendUnsigned(_ value: UInt64, _ spec: PrintfSpec) {
        appendInteger(bitPattern: value, spec)
    }

    /// Appends a `%c` conversion (the argument converted to `unsigned char`).
    public mutating func appendCharacter(_ value: Int64, _ spec: PrintfSpec) {
        // glibc ignores precision and the `0` flag for `%c`: the byte is padded with spaces only.
        let character = UInt8(truncatingIfNeeded: value)
        let padding = Self.fieldWidth(spec) - 1
        let left = Self.isLeftJustified(spec)
        if !left { appendRepeated(UInt8(ascii: " "), count: padding) }
        append(character)
        if left { appendRepeated(UInt8(ascii: " "), count: padding) }
    }

    /// Appends a `%s` conversion; nil prints `(null)` as glibc does.
    public mutating func appendString(_ value: String?, _ spec: PrintfSpec) {
        let precision = Self.precision(spec)
        guard let value else {
            // glibc prints "(null)" only when the precision leaves room for all of it, otherwise nothing.
            appendPaddedText(precision == nil || precision! >= 6 ? "(null)" : "", spec)
            return
        }
        // Native strings are read in place; others (bridged, non-contiguous) through a contiguous copy.
        if value.utf8.withContiguousStorageIfAvailable({ appendString(utf8: $0, spec, precision: precision) }) == nil {
            var copy = value
            copy.withUTF8 { appendString(utf8: $0, spec, precision: precision) }
        }
    }

    private mutating func appendString(utf8: UnsafeBufferPointer<UInt8>, _ spec: PrintfSpec, precision: Int?) {
        if spec.width == nil && precision == nil {
            append(contentsOf: utf8)
            return
        }
        // C counts bytes, so a precision may cut a multi-byte character in half, exactly as here.
        let count = min(precision ?? utf8.count, utf8.count)
        appendPadded(bytes: UnsafeBufferPointer(rebasing: utf8[..<count]), spec)
    }

    /// Appends a `%p` conversion as glibc prints it (`0x…`, or `(nil)`).
    public mutating func appendPointer(_ value: UInt, _ spec: PrintfSpec) {
        if value == 0 {
            // glibc prints NULL as the string "(nil)" with any precision raised to 5, padded with spaces.
            var nilSpec = spec
            nilSpec.precision = nil
            appendPaddedText("(nil)", nilSpec)
            return
        }
        // Otherwise glibc formats `%#lx`, keeping the `+`, space, `0`, width and precision of the conversion.
        appendDigits(magnitude: UInt64(value), negative: false, radix: 16, spec, isSigned: true, isPointer: true)
    }

    // MARK: Bytes

    /// Makes room for `additional` more bytes in storage this buffer holds alone, and returns where they go;
    /// the caller initializes them and adds them to ``count``.
    @inline(__always)
    private mutating func reserve(_ additional: Int) -> UnsafeMutablePointer<UInt8> {
        let needed = count &+ additional
        if _slowPath(!isKnownUniquelyReferenced(&storage) || storage.unsafelyUnwrapped.capacity < needed) {
            moveToNewStorage(holding: needed)
        }
        return storage.unsafelyUnwrapped.base + count
    }

    /// Copies the bytes into new storage of at least `needed` bytes: when the old one is too small (growing
    /// geometrically) or shared with a copy of this buffer.
    @inline(never)
    private mutating func moveToNewStorage(holding needed: Int) {
        let old = storage?.capacity ?? 0
        let new = PrintfStorage(capacity: old >= needed ? old : Swift.max(needed, old * 2, 128))
        if let storage, count > 0 { new.base.initialize(from: storage.base, count: count) }
        storage = new
    }

    /// Appends one byte.
    mutating func append(_ byte: UInt8) {
        reserve(1).initialize(to: byte)
        count &+= 1
    }

    /// Appends bytes.
    mutating func append(contentsOf source: UnsafeBufferPointer<UInt8>) {
        guard let base = source.baseAddress, !source.isEmpty else { return }
        reserve(source.count).initialize(from: base, count: source.count)
        count &+= source.count
    }

    // MARK: Integers

    private mutating func appendInteger(bitPattern: UInt64, _ spec: PrintfSpec) {
        switch spec.conversion {
        case .d, .i:
            let value = Self.truncatedSigned(bitPattern, spec.length)
            appendDigits(
                magnitude: value.magnitude, negative: value < 0, radix: 10, spec, isSigned: true, isPointer: false)
        case .u, .x, .X, .o:
            let value = Self.truncatedUnsigned(bitPattern, spec.length)
            let radix: UInt64 = spec.conversion == .o ? 8 : spec.conversion == .u ? 10 : 16
            appendDigits(magnitude: value, negative: false, radix: radix, spec, isSigned: false, isPointer: false)
        case .c:
            appendCharacter(Int64(bitPattern: bitPattern), spec)
        case .p:
            appendPointer(UInt(truncatingIfNeeded: bitPattern), spec)
        case .s:
            // A number where C expects a string pointer: printing the address text is the only safe choice.
            appendPointer(UInt(truncatingIfNeeded: bitPattern), PrintfSpec(.p, flags: spec.flags, width: spec.width))
        }
    }

    /// The value `va_arg` reads for a signed conversion with this length modifier.
    private static func truncatedSigned(_ bits: UInt64, _ length: PrintfLength) -> Int64 {
        switch length {
        case .none: Int64(Int32(truncatingIfNeeded: bits))
        case .char: Int64(Int8(truncatingIfNeeded: bits))
        case .short: Int64(Int16(truncatingIfNeeded: bits))
        case .long, .longLong, .size, .intmax, .ptrdiff: Int64(bitPattern: bits)
        }
    }

    /// The value `va_arg` reads for an unsigned conversion with this length modifier.
    private static func truncatedUnsigned(_ bits: UInt64, _ length: PrintfLength) -> UInt64 {
        switch length {
        case .none: UInt64(UInt32(truncatingIfNeeded: bits))
        case .char: UInt64(UInt8(truncatingIfNeeded: bits))
        case .short: UInt64(UInt16(truncatingIfNeeded: bits))
        case .long, .longLong, .size, .intmax, .ptrdiff: bits
        }
    }

    /// Renders sign, `0x` prefix, precision zeros, digits and padding in the order glibc's vfprintf does.
    private mutating func appendDigits(
        magnitude: UInt64, negative: Bool, radix: UInt64, _ spec: PrintfSpec, isSigned: Bool, isPointer: Bool
    ) {
        let uppercase = spec.conversion == .X
        if spec.flags.isEmpty && spec.width == nil && spec.precision == nil {
            // The usual conversion (`%d`, `%x`, `%p`...): nothing but a sign or `0x` before the digits.
            appendPlainDigits(magnitude: magnitude, negative: negative, radix: radix, uppercase: uppercase,
                              isPointer: isPointer)
            return
        }
        let precision = Self.precision(spec)
        let flags = spec.flags
        let alternate = isPointer || flags.contains(.alternate)

        // A zero precision prints no digits for zero; otherwise there is at least one digit.
        let digitCount = magnitude != 0 || precision != 0 ? Self.digitCount(magnitude, radix: radix) : 0
        var zeros = max((precision ?? 0) - digitCount, 0)
        if alternate && radix == 8 && zeros == 0 && (digitCount == 0 || magnitude != 0) {
            // `#o` guarantees a leading zero digit.
            zeros = 1
        }

        // At most three prefix bytes: a sign (signed conversions and `%p`) and `0x`.
        var prefix: (UInt8, UInt8, UInt8) = (0, 0, 0)
        var prefixCount = 0
        func addPrefix(_ byte: UInt8) {
            switch prefixCount {
            case 0: prefix.0 = byte
            case 1: prefix.1 = byte
            default: prefix.2 = byte
            }
            prefixCount += 1
        }
        if isSigned {
            if negative {
                addPrefix(UInt8(ascii: "-"))
            } else if flags.contains(.forceSign) {
                addPrefix(UInt8(ascii: "+"))
            } else if flags.contains(.spaceSign) {
                addPrefix(UInt8(ascii: " "))
            }
        }
        if alternate && radix == 16 && magnitude != 0 {
            addPrefix(UInt8(ascii: "0"))
            addPrefix(uppercase ? UInt8(ascii: "X") : UInt8(ascii: "x"))
        }

        let padding = Self.fieldWidth(spec) - (prefixCount + zeros + digitCount)
        let left = Self.isLeftJustified(spec)
        let zeroPad = !left && precision == nil && flags.contains(.zeroPad)
        if !left && !zeroPad { appendRepeated(UInt8(ascii: " "), count: padding) }
        if prefixCount > 0 { append(prefix.0) }
        if prefixCount > 1 { append(prefix.1) }
        if prefixCount > 2 { append(prefix.2) }
        appendRepeated(UInt8(ascii: "0"), count: zeroPad ? zeros + max(padding, 0) : zeros)
        appendDigitsOnly(magnitude, radix: radix, count: digitCount, uppercase: uppercase)
        if left { appendRepeated(UInt8(ascii: " "), count: padding) }
    }

    /// A conversion without flags, width or precision: `-` or `0x`, then the digits, in one reservation.
    private mutating func appendPlainDigits(
        magnitude: UInt64, negative: Bool, radix: UInt64, uppercase: Bool, isPointer: Bool
    ) {
        let digitCount = Self.digitCount(magnitude, radix: radix)
        let prefixCount = isPointer ? 2 : negative ? 1 : 0
        let start = reserve(prefixCount + digitCount)
        if isPointer {
            start.initialize(to: UInt8(ascii: "0"))
            (start + 1).initialize(to: UInt8(ascii: "x"))
        } else if negative {
            start.initialize(to: UInt8(ascii: "-"))
        }
        Self.writeDigits(magnitude, radix: radix, uppercase: uppercase, count: digitCount, at: start + prefixCount)
        count &+= prefixCount + digitCount
    }

    private mutating func appendDigitsOnly(_ magnitude: UInt64, radix: UInt64, count digitCount: Int, uppercase: Bool) {
        guard digitCount > 0 else { return }
        Self.writeDigits(magnitude, radix: radix, uppercase: uppercase, count: digitCount, at: reserve(digitCount))
        count &+= digitCount
    }

    /// How many digits `value` has in `radix` (at least one), each radix with its own arithmetic: a bit count for
    /// 16 and 8, divisions by the constant 100 for 10.
    @inline(__always)
    static func digitCount(_ value: UInt64, radix: UInt64) -> Int {
        let bits = 64 - value.leadingZeroBitCount
        switch radix {
        case 16: return Swift.max((bits + 3) >> 2, 1)
        case 8: return Swift.max((bits + 2) / 3, 1)
        default: return decimalDigitCount(value)
        }
    }

    /// How many decimal digits `value` has (at least one).
    @inline(__always)
    static func decimalDigitCount(_ value: UInt64) -> Int {
        var digits = 1
        var rest = value
        while rest >= 100 {
            rest /= 100
            digits &+= 2
        }
        return rest >= 10 ? digits &+ 1 : digits
    }

    /// Writes the last `count` digits of `value` in `radix` at `start`, most significant first.
    @inline(__always)
    static func writeDigits(
        _ value: UInt64, radix: UInt64, uppercase: Bool, count: Int, at start: UnsafeMutablePointer<UInt8>
    ) {
        switch radix {
        case 16:
            let digits = uppercase ? ("0123456789ABCDEF" as StaticString).utf8Start
                : ("0123456789abcdef" as StaticString).utf8Start
            var rest = value
            var position = start + count
            while position > start {
                position -= 1
                position.initialize(to: digits[Int(truncatingIfNeeded: rest & 15)])
                rest &>>= 4
            }
        case 8:
            var rest = value
            var position = start + count
            while position > start {
                position -= 1
                position.initialize(to: UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest & 7))
                rest &>>= 3
            }
        default:
            writeDecimalDigits(value, count: count, at: start)
        }
    }

    /// Writes the last `count` decimal digits of `value` at `start`, two digits per division.
    @inline(__always)
    static func writeDecimalDigits(_ value: UInt64, count: Int, at start: UnsafeMutablePointer<UInt8>) {
        let pairs = ("""
            00010203040506070809101112131415161718192021222324252627282930313233343536373839\
            40414243444546474849505152535455565758596061626364656667686970717273747576777879\
            8081828384858687888990919293949596979899
            """ as StaticString).utf8Start
        var rest = value
        var position = start + count
        while position - start >= 2 {
            let pair = Int(truncatingIfNeeded: rest % 100) &* 2
            rest /= 100
            position -= 2
            position.initialize(to: pairs[pair])
            (position + 1).initialize(to: pairs[pair &+ 1])
        }
        if position > start {
            (position - 1).initialize(to: UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest % 10))
        }
    }

    // MARK: Strings and padding

    private mutating func appendPaddedText(_ text: StaticString, _ spec: PrintfSpec) {
        text.withUTF8Buffer { appendPadded(bytes: $0, spec) }
    }

    /// Pads with spaces only: glibc ignores the `0` flag for `%s`, `%c` and `(nil)`.
    private mutating func appendPadded(bytes text: UnsafeBufferPointer<UInt8>, _ spec: PrintfSpec) {
        let padding = Self.fieldWidth(spec) - text.count
        let left = Self.isLeftJustified(spec)
        if !left { appendRepeated(UInt8(ascii: " "), count: padding) }
        append(contentsOf: text)
        if left { appendRepeated(UInt8(ascii: " "), count: padding) }
    }

    private mutating func appendRepeated(_ byte: UInt8, count repeats: Int) {
        guard repeats > 0 else { return }
        reserve(repeats).initialize(repeating: byte, count: repeats)
        count &+= repeats
    }

    /// The field width, clamped; a negative `*` width means left-justify with its magnitude, as in C.
    private static func fieldWidth(_ spec: PrintfSpec) -> Int {
        guard let width = spec.width else { return 0 }
        return min(Int(width.magnitude), maximumFieldWidth)
    }

    private static func isLeftJustified(_ spec: PrintfSpec) -> Bool {
        spec.flags.contains(.leftJustify) || (spec.width ?? 0) < 0
    }

    /// The precision, clamped; a negative `*` precision counts as none, as in C.
    private static func precision(_ spec: PrintfSpec) -> Int? {
        guard let precision = spec.precision, precision >= 0 else { return nil }
        return min(Int(precision), maximumFieldWidth)
    }
}
