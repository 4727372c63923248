// Floating-point conversions (%f %F %e %E %g %G %a %A) rendered exactly as glibc's printf renders them:
// the decimal digits come from the exact value of the double (every double is a finite binary fraction,
// so its decimal expansion is finite), rounded to nearest with ties to even, as glibc does in the default
// rounding mode. Floats only appear in older QEMU dialects' events, so clarity wins over speed here.

/// The conversion character of a floating-point conversion.
public enum PrintfFloatingConversion: UInt8, Sendable, Hashable {
    /// `%f`: fixed notation, `inf`/`nan` in lowercase.
    case f
    /// `%F`: fixed notation, `INF`/`NAN`.
    case F
    /// `%e`: `d.ddde+XX`.
    case e
    /// `%E`: `d.dddE+XX`.
    case E
    /// `%g`: `%e` or `%f`, whichever C's rule picks, without trailing zeros.
    case g
    /// `%G`: `%g` in uppercase.
    case G
    /// `%a`: hexadecimal, `0x1.hhhp+d`.
    case a
    /// `%A`: `%a` in uppercase.
    case A
}

/// Everything about one floating-point conversion but its argument; `*` widths and precisions arrive
/// resolved, as in ``PrintfSpec``.
public struct PrintfFloatingSpec: Sendable, Hashable {
    /// The conversion character.
    public var conversion: PrintfFloatingConversion
    /// The flags.
    public var flags: PrintfFlags
    /// The minimum field width (negative: left-justified), or nil.
    public var width: Int32?
    /// The precision (negative: none), or nil.
    public var precision: Int32?

    /// Creates a specification.
    public init(_ conversion: PrintfFloatingConversion, flags: PrintfFlags = [], width: Int32? = nil, precision: Int32? = nil) {
        self.conversion = conversion
        self.flags = flags
        self.width = width
        self.precision = precision
    }

    var isUppercase: Bool { [.F, .E, .G, .A].contains(conversion) }
    var effectivePrecision: Int? {
        guard let precision, precision >= 0 else { return nil }
        return min(Int(precision), PrintfBuffer.maximumFieldWidth)
    }
    var fieldWidth: Int { width.map { min(Int($0.magnitude), PrintfBuffer.maximumFieldWidth) } ?? 0 }
    var isLeftJustified: Bool { flags.contains(.leftJustify) || (width ?? 0) < 0 }
}

extension PrintfBuffer {
    /// Appends a floating-point conversion of `value` (a `float` argument arrives widened, as printf gets it).
    public mutating func appendFloating(_ value: Double, _ spec: PrintfFloatingSpec) {
        appendBytes(FloatingFormatter.render(value, spec))
    }
}

/// The text of one floating-point conversion.
enum FloatingFormatter {
    static func render(_ value: Double, _ spec: PrintfFloatingSpec) -> [UInt8] {
        let sign: [UInt8] =
            value.sign == .minus ? [UInt8(ascii: "-")]
            : spec.flags.contains(.forceSign) ? [UInt8(ascii: "+")]
            : spec.flags.contains(.spaceSign) ? [UInt8(ascii: " ")] : []
        guard value.isFinite else {
            let word = value.isNaN ? "nan" : "inf"
            // glibc pads infinities and NaNs with spaces even under the `0` flag.
            return pad(sign: sign, prefix: [], body: Array((spec.isUppercase ? word.uppercased() : word).utf8), spec, zeros: false)
        }
        let magnitude = value.magnitude
        var prefix: [UInt8] = []
        let body: [UInt8]
        switch spec.conversion {
        case .f, .F: body = fixed(DecimalExpansion(magnitude), precision: spec.effectivePrecision ?? 6, alternate: spec.flags.contains(.alternate))
        case .e, .E: body = exponential(DecimalExpansion(magnitude), precision: spec.effectivePrecision ?? 6, spec)
        case .g, .G: body = general(DecimalExpansion(magnitude), spec)
        case .a, .A:
            prefix = Array((spec.isUppercase ? "0X" : "0x").utf8)
            body = hexadecimal(magnitude, spec)
        }
        return pad(sign: sign, prefix: prefix, body: body, spec, zeros: spec.flags.contains(.zeroPad))
    }

    /// Sign, prefix, padding and body in glibc's order: zeros go after the sign and `0x`, spaces before.
    private static func pad(sign: [UInt8], prefix: [UInt8], body: [UInt8], _ spec: PrintfFloatingSpec, zeros: Bool) -> [UInt8] {
        let padding = max(spec.fieldWidth - sign.count - prefix.count - body.count, 0)
        if spec.isLeftJustified { return sign + prefix + body + Array(repeating: UInt8(ascii: " "), count: padding) }
        if zeros { return sign + prefix + Array(repeating: UInt8(ascii: "0"), count: padding) + body }
        return Array(repeating: UInt8(ascii: " "), count: padding) + sign + prefix + body
    }

    /// `%f`: the integer digits, then `precision` fraction digits.
    static func fixed(_ expansion: DecimalExpansion, precision: Int, alternate: Bool) -> [UInt8] {
        let rounded = expansion.rounded(fractionDigits: precision)
        var integer = rounded.digits.prefix(max(rounded.pointPosition, 0))
        if integer.isEmpty { integer = [UInt8(ascii: "0")] }
        var text = Array(integer)
        if precision > 0 || alternate { text.append(UInt8(ascii: ".")) }
        text += rounded.fraction(count: precision)
        return text
    }

    /// `%e`: one digit, the point, `precision` digits, `e`, a sign and at least two exponent digits.
    static func exponential(_ expansion: DecimalExpansion, precision: Int, _ spec: PrintfFloatingSpec) -> [UInt8] {
        let (digits, exponent) = expansion.significant(precision + 1)
        var text = [digits[0]]
        if precision > 0 || spec.flags.contains(.alternate) { text.append(UInt8(ascii: ".")) }
        text += digits.dropFirst()
        text.append(spec.isUppercase ? UInt8(ascii: "E") : UInt8(ascii: "e"))
        text.append(exponent < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
        let exponentDigits = Array(String(exponent.magnitude).utf8)
        if exponentDigits.count < 2 { text.append(UInt8(ascii: "0")) }
        return text + exponentDigits
    }

    /// `%g`: C's choice between `%e` and `%f` by the exponent `%e` would print, trailing zeros removed
    /// unless `#`.
    static func general(_ expansion: DecimalExpansion, _ spec: PrintfFloatingSpec) -> [UInt8] {
        let precision = max(spec.effectivePrecision ?? 6, 1)
        let exponent = expansion.isZero ? 0 : expansion.significant(precision).exponent
        let alternate = spec.flags.contains(.alternate)
        if alternate, !expansion.isZero, expansion.pointPosition == precision, exponent == precision {
            // glibc picks the style from the unrounded exponent (P - 1: fixed, no fraction digits); when
            // rounding carries to 10^P it switches to exponential but keeps zero fraction digits, so
            // `%#g` of 999999.5 prints "1.e+06", not "1.00000e+06". Only `#` shows it: without it the
            // zeros are removed either way.
            return exponential(expansion, precision: 0, spec)
        }
        var text: [UInt8]
        var mantissaEnd: Int
        if exponent < -4 || exponent >= precision {
            text = exponential(expansion, precision: precision - 1, spec)
            mantissaEnd = text.firstIndex { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") } ?? text.count
        } else {
            text = fixed(expansion, precision: precision - 1 - exponent, alternate: alternate)
            mantissaEnd = text.count
        }
        guard !alternate, text[..<mantissaEnd].contains(UInt8(ascii: ".")) else { return text }
        var end = mantissaEnd
        while text[end - 1] == UInt8(ascii: "0") { end -= 1 }
        if text[end - 1] == UInt8(ascii: ".") { end -= 1 }
        text.removeSubrange(end..<mantissaEnd)
        return text
    }

    /// `%a`: `h.hhhp±d` (the `0x` is the caller's prefix), as glibc prints a double: a leading `1` for normal
    /// numbers, `0` for zero and subnormals (exponent -1022), all 13 fraction digits' worth of precision
    /// by default with trailing zeros dropped, ties to even when rounding to fewer.
    static func hexadecimal(_ magnitude: Double, _ spec: PrintfFloatingSpec) -> [UInt8] {
        var leading: UInt64 = magnitude.isZero || magnitude.isSubnormal ? 0 : 1
        var fraction = magnitude.significandBitPattern  // 52 bits: 13 hex digits
        let exponent = magnitude.isZero ? 0 : magnitude.isSubnormal ? -1022 : Int(magnitude.exponent)
        var digitCount = 13
        if let precision = spec.effectivePrecision, precision < 13 {
            let dropped = UInt64(4 * (13 - precision))
            let kept = fraction >> dropped
            let rest = fraction & ((1 << dropped) - 1)
            let half: UInt64 = 1 << (dropped - 1)
            let lastOdd = precision == 0 ? (leading & 1) == 1 : (kept & 1) == 1
            var roundedKept = kept
            if rest > half || (rest == half && lastOdd) { roundedKept += 1 }
            if roundedKept >> UInt64(4 * precision) != 0 {
                // The fraction overflowed into the leading digit (0x1.f -> 0x2).
                roundedKept &= (1 << UInt64(4 * precision)) - 1
                leading += 1
            }
            fraction = roundedKept
            digitCount = precision
        } else if spec.effectivePrecision == nil {
            while digitCount > 0, fraction & 0xF == 0 {
                fraction >>= 4
                digitCount -= 1
            }
        }
        let letters = spec.isUppercase ? UInt8(ascii: "A") : UInt8(ascii: "a")
        func hexDigit(_ value: UInt64) -> UInt8 { value < 10 ? UInt8(ascii: "0") + UInt8(value) : letters + UInt8(value - 10) }
        var text = [hexDigit(leading)]
        let extra = max((spec.effectivePrecision ?? 0) - 13, 0)
        if digitCount + extra > 0 || spec.flags.contains(.alternate) { text.append(UInt8(ascii: ".")) }
        for index in stride(from: digitCount - 1, through: 0, by: -1) { text.append(hexDigit((fraction >> UInt64(4 * index)) & 0xF)) }
        text += Array(repeating: UInt8(ascii: "0"), count: extra)
        text.append(spec.isUppercase ? UInt8(ascii: "P") : UInt8(ascii: "p"))
        text.append(exponent < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
        return text + Array(String(exponent.magnitude).utf8)
    }
}

/// The exact decimal value of a non-negative finite double: `digits` (ASCII, no leading zeros; empty for
/// zero) with the decimal point `pointPosition` digits from their start (negative: zeros before them).
struct DecimalExpansion {
    var digits: [UInt8]
    var pointPosition: Int

    var isZero: Bool { digits.isEmpty }

    init(digits: [UInt8], pointPosition: Int) {
        self.digits = digits
        self.pointPosition = pointPosition
    }

    /// The expansion of `value`: significand × 2^exponent, as an integer times 10^-k when the exponent is
    /// negative (2^-k = 5^k / 10^k).
    init(_ value: Double) {
        guard value != 0 else {
            self.init(digits: [], pointPosition: 1)
            return
        }
        let significand = value.isSubnormal ? value.significandBitPattern : value.significandBitPattern | (1 << 52)
        let binaryExponent = (value.isSubnormal ? -1022 : Int(value.exponent)) - 52
        var number = BigDecimalInteger(significand)
        if binaryExponent >= 0 {
            for _ in 0..<binaryExponent { number.multiply(by: 2) }
            let text = number.decimalDigits
            self.init(digits: text, pointPosition: text.count)
        } else {
            for _ in 0..<(-binaryExponent) { number.multiply(by: 5) }
            let text = number.decimalDigits
            self.init(digits: text, pointPosition: text.count + binaryExponent)
        }
    }

    /// The value rounded to `fractionDigits` digits after the point (ties to even).
    func rounded(fractionDigits: Int) -> DecimalExpansion { rounded(keeping: pointPosition + fractionDigits) }

    /// The first `count` significant digits (ties to even) and the decimal exponent of the first one.
    func significant(_ count: Int) -> (digits: [UInt8], exponent: Int) {
        guard !isZero else { return (Array(repeating: UInt8(ascii: "0"), count: count), 0) }
        let rounded = rounded(keeping: count)
        var kept = Array(rounded.digits.prefix(count))
        kept += Array(repeating: UInt8(ascii: "0"), count: count - kept.count)
        return (kept, rounded.pointPosition - 1)
    }

    /// `count` digits after the point, zeros where the expansion has none.
    func fraction(count: Int) -> [UInt8] {
        (0..<count).map { index in
            let position = pointPosition + index
            return position >= 0 && position < digits.count ? digits[position] : UInt8(ascii: "0")
        }
    }

    /// The expansion rounded to its first `keep` digits (a digit count from the first significant digit;
    /// zero or negative rounds to a power of ten or zero), ties to even.
    private func rounded(keeping keep: Int) -> DecimalExpansion {
        guard keep < digits.count else { return self }
        if keep < 0 { return DecimalExpansion(digits: [], pointPosition: pointPosition) }
        let next = digits[keep]
        let restIsZero = digits[(keep + 1)...].allSatisfy { $0 == UInt8(ascii: "0") }
        let lastIsOdd = keep > 0 && (digits[keep - 1] - UInt8(ascii: "0")) % 2 == 1
        let up = next > UInt8(ascii: "5") || (next == UInt8(ascii: "5") && (!restIsZero || lastIsOdd))
        var kept = Array(digits.prefix(keep))
        guard up else { return DecimalExpansion(digits: kept, pointPosition: pointPosition) }
        var index = kept.count - 1
        while index >= 0, kept[index] == UInt8(ascii: "9") {
            kept[index] = UInt8(ascii: "0")
            index -= 1
        }
        if index >= 0 {
            kept[index] += 1
            return DecimalExpansion(digits: kept, pointPosition: pointPosition)
        }
        return DecimalExpansion(digits: [UInt8(ascii: "1")] + kept, pointPosition: pointPosition + 1)
    }
}

/// A non-negative integer in base 10^9 limbs, least significant first: enough for the 767 digits of the
/// smallest subnormal's expansion.
struct BigDecimalInteger {
    private var limbs: [UInt64]
    private static let base: UInt64 = 1_000_000_000

    init(_ value: UInt64) {
        limbs = value == 0 ? [] : []
        var rest = value
        while rest > 0 {
            limbs.append(rest % Self.base)
            rest /= Self.base
        }
    }

    mutating func multiply(by factor: UInt64) {
        var carry: UInt64 = 0
        for index in limbs.indices {
            let product = limbs[index] * factor + carry
            limbs[index] = product % Self.base
            carry = product / Self.base
        }
        while carry > 0 {
            limbs.append(carry % Self.base)
            carry /= Self.base
        }
    }

    /// The decimal digits, most significant first, without leading zeros.
    var decimalDigits: [UInt8] {
        guard let top = limbs.last else { return [] }
        var text = Array(String(top).utf8)
        for limb in limbs.dropLast().reversed() {
            let part = Array(String(limb).utf8)
            text += Array(repeating: UInt8(ascii: "0"), count: 9 - part.count) + part
        }
        return text
    }
}
