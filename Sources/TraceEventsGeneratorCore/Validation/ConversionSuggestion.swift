/// The conversion that would print an argument of a given type, offered as the fix in format messages.
enum ConversionSuggestion {
    /// How to write `conversion` for an argument of `type`, as C source (`"%08" PRIx64`, `%zu`), or nil
    /// when no conversion of the same kind fits.
    static func replacement(for conversion: FormatConversion, argumentType type: CType) -> String? {
        let prefix = "%" + conversion.flags + text(of: conversion.width) + precisionText(of: conversion.precision)
        switch type.kind {
        case .string: return "%s"
        case .pointer: return "%p"
        case .void, .tcg: return nil
        case .floating: return prefix + "f"
        case .bool, .integer:
            // A wide integer cannot be printed as a character; there is no like-for-like fix.
            if conversion.specifier == "c" { return nil }
            var specifier = conversion.specifier ?? "d"
            if !"diouxX".contains(specifier) { specifier = type.isSigned ? "d" : "x" }
            if type.promotesToInt { return prefix + String(specifier) }
            switch type.base {
            case .int64, .uint64: return "\"\(prefix)\" PRI\(specifier)64"
            case .uintptr: return "\"\(prefix)\" PRI\(specifier)PTR"
            case .size, .ssize: return prefix + "z" + String(specifier)
            case .ptrdiff: return prefix + "t" + String(specifier)
            case .longLong, .unsignedLongLong: return prefix + "ll" + String(specifier)
            default: return prefix + "l" + String(specifier)
            }
        }
    }

    private static func text(of count: FormatConversion.Count) -> String {
        switch count {
        case .none: ""
        case .fixed(let value): String(value)
        case .star: "*"
        }
    }

    private static func precisionText(of count: FormatConversion.Count) -> String {
        count == .none ? "" : "." + text(of: count)
    }
}

extension CType {
    /// Whether an integer type is signed (`char` counts as signed, as on x86_64).
    var isSigned: Bool {
        if case .integer(let signed, _) = kind { return signed }
        return false
    }
}
