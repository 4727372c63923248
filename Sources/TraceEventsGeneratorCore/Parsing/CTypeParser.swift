/// Parses the words and `*`s of an argument's type into a ``CType``, accepting what QEMU accepts.
enum CTypeParser {
    /// Words that name a whole type on their own.
    private static let typedefs: [String: CType.Base] = [
        "void": .void, "bool": .bool,
        "int8_t": .int8, "uint8_t": .uint8, "int16_t": .int16, "uint16_t": .uint16,
        "int32_t": .int32, "uint32_t": .uint32, "int64_t": .int64, "uint64_t": .uint64,
        "size_t": .size, "ssize_t": .ssize, "uintptr_t": .uintptr, "ptrdiff_t": .ptrdiff,
        // Older dialects: QEMU 2.x's floating-point arguments and the TCG types of `tcg` events.
        "float": .float, "double": .double,
        "TCGv": .tcgv, "TCGv_i32": .tcgvI32, "TCGv_i64": .tcgvI64, "TCGv_ptr": .tcgvPtr, "TCGv_env": .tcgvEnv,
    ]
    /// Words that combine (`unsigned long int`).
    private static let builtinWords: Set<String> = ["signed", "unsigned", "char", "short", "int", "long"]

    static let allowedTypesList =
        "int, long, short, char, bool, unsigned, signed, the <stdint.h> fixed-width types, size_t, ssize_t, uintptr_t, ptrdiff_t, void"

    /// Parses `tokens` (each word or `*` and its offset in `line`); `spelling` is the whole type as written, for
    /// messages that name it as QEMU's do.
    static func parse(
        _ tokens: ArraySlice<(text: String, offset: Int)>, in line: LineScanner, spelling: String,
        diagnostics: inout [Diagnostic]
    ) -> CType? {
        var isConst = false
        var pointerDepth = 0
        var words: [(text: String, offset: Int)] = []
        for token in tokens {
            switch token.text {
            case "*": pointerDepth += 1
            case "const": isConst = true
            default:
                guard typedefs[token.text] != nil || builtinWords.contains(token.text) else {
                    diagnostics.append(
                        Diagnostic(
                            .error,
                            "argument type '\(spelling)' is not allowed ('\(token.text)' is not a standard C or fixed-width "
                                + "integer type); use \(allowedTypesList), and 'void *' for struct, union and other pointers",
                            at: line.location(at: token.offset)))
                    return nil
                }
                if pointerDepth > 0 {
                    diagnostics.append(
                        Diagnostic(.error, "'\(token.text)' after '*' in a type", at: line.location(at: token.offset)))
                    return nil
                }
                words.append(token)
            }
        }
        guard let first = words.first else {
            diagnostics.append(Diagnostic(.error, "argument has no type", at: line.location(at: tokens.first?.offset ?? 0)))
            return nil
        }
        guard let base = base(of: words) else {
            let written = words.map(\.text).joined(separator: " ")
            diagnostics.append(Diagnostic(.error, "'\(written)' is not a valid C type", at: line.location(at: first.offset)))
            return nil
        }
        if base == .void && pointerDepth == 0 {
            diagnostics.append(
                Diagnostic(.error, "an argument cannot have type 'void'; write '(void)' for no arguments",
                    at: line.location(at: first.offset)))
            return nil
        }
        return CType(base: base, isConst: isConst, pointerDepth: pointerDepth)
    }

    /// The base type the words name together, in any order C allows (`long unsigned int`), or nil.
    private static func base(of words: [(text: String, offset: Int)]) -> CType.Base? {
        if words.count == 1, let base = typedefs[words[0].text] { return base }
        var (signed, unsigned, char, short, int, long) = (0, 0, 0, 0, 0, 0)
        for word in words {
            switch word.text {
            case "signed": signed += 1
            case "unsigned": unsigned += 1
            case "char": char += 1
            case "short": short += 1
            case "int": int += 1
            case "long": long += 1
            default: return nil
            }
        }
        guard signed + unsigned <= 1, char <= 1, short <= 1, int <= 1, long <= 2 else { return nil }
        if char == 1 {
            guard short + int + long == 0 else { return nil }
            return unsigned == 1 ? .unsignedChar : signed == 1 ? .signedChar : .char
        }
        if short == 1 {
            guard long == 0 else { return nil }
            return unsigned == 1 ? .unsignedShort : .short
        }
        switch long {
        case 2: return unsigned == 1 ? .unsignedLongLong : .longLong
        case 1: return unsigned == 1 ? .unsignedLong : .long
        default: return unsigned == 1 ? .unsignedInt : .int
        }
    }
}
