/// The flag and precision combinations gcc's `-Wformat` warns about (gcc's printf_char_table flag columns
/// and printf_flag_pairs). printf either ignores them or their effect is undefined, so they are warnings.
enum FormatFlagRules {
    /// The flags gcc accepts for each conversion character (`'` and `I` are not parsed at all).
    private static let allowedFlags: [Character: String] = [
        "d": "-+ 0", "i": "-+ 0", "o": "-0#", "x": "-0#", "X": "-0#", "u": "-0",
        "c": "-", "s": "-", "p": "-", "m": "-",
        "f": "-+ #0", "F": "-+ #0", "e": "-+ #0", "E": "-+ #0", "g": "-+ #0", "G": "-+ #0", "a": "-+ #0", "A": "-+ #0",
    ]
    /// The conversions that take a precision.
    private static let takesPrecision: Set<Character> = [
        "d", "i", "o", "u", "x", "X", "s", "m", "f", "F", "e", "E", "g", "G", "a", "A",
    ]
    /// The integer conversions, where a precision makes gcc warn that the `0` flag is ignored.
    private static let integerConversions: Set<Character> = ["d", "i", "o", "u", "x", "X"]

    /// The warnings for `conversion`, in the order gcc gives them.
    static func warnings(for conversion: FormatConversion) -> [Diagnostic] {
        // Most conversions have neither flags nor a precision: nothing to warn about.
        guard !conversion.flags.isEmpty || conversion.precision != .none else { return [] }
        guard let specifier = conversion.specifier, let allowed = allowedFlags[specifier] else { return [] }
        let location = conversion.location
        let text = conversion.text
        var warnings: [Diagnostic] = []
        var seen: Set<Character> = []
        var reportedRepeats: Set<Character> = []
        // One warning per flag character, however often it repeats: a line of 40,000 '-' flags gets one
        // warning, not 39,999 copies of the whole conversion.
        for flag in conversion.flags {
            if !seen.insert(flag).inserted {
                if reportedRepeats.insert(flag).inserted {
                    warnings.append(Diagnostic(.warning, "repeated '\(flag)' flag in '\(text)'", at: location))
                }
            } else if !allowed.contains(flag) {
                warnings.append(
                    Diagnostic(.warning, "'\(flag)' flag used with '%\(specifier)' in '\(text)' (gcc -Wformat warns)",
                        at: location))
            }
        }
        if conversion.precision != .none && !takesPrecision.contains(specifier) {
            warnings.append(
                Diagnostic(.warning, "precision used with '%\(specifier)' in '\(text)' (gcc -Wformat warns)", at: location))
        }
        let flags = Set(conversion.flags)
        if flags.contains(" ") && flags.contains("+") && allowed.contains(" ") {
            warnings.append(Diagnostic(.warning, "' ' flag ignored with '+' flag in '\(text)'", at: location))
        }
        if flags.contains("0") && flags.contains("-") && allowed.contains("0") {
            warnings.append(Diagnostic(.warning, "'0' flag ignored with '-' flag in '\(text)'", at: location))
        }
        if flags.contains("0") && integerConversions.contains(specifier) && conversion.precision != .none {
            warnings.append(
                Diagnostic(.warning, "'0' flag ignored with precision and '%\(specifier)' in '\(text)'", at: location))
        }
        return warnings
    }
}
