/// Words that cannot name an argument, because every argument becomes a C parameter and an LTTng field
/// in the generated tracepoint provider.
public enum CReservedWords {
    /// The keywords of C11 and C23 (including `bool`, `true`, `typeof`, which C23 made keywords).
    public static let keywords: Set<String> = [
        "auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else", "enum",
        "extern", "float", "for", "goto", "if", "inline", "int", "long", "register", "restrict", "return",
        "short", "signed", "sizeof", "static", "struct", "switch", "typedef", "union", "unsigned", "void",
        "volatile", "while", "_Alignas", "_Alignof", "_Atomic", "_Bool", "_Complex", "_Generic", "_Imaginary",
        "_Noreturn", "_Static_assert", "_Thread_local", "alignas", "alignof", "bool", "constexpr", "false",
        "nullptr", "static_assert", "thread_local", "true", "typeof", "typeof_unqual", "_BitInt",
        "_Decimal32", "_Decimal64", "_Decimal128",
    ]

    /// The type names the generated C declares parameters with (`size_t size_t` does not compile).
    public static let typeNames: Set<String> = Set(
        CType.Base.allCases.map(\.rawValue).filter { !$0.contains(" ") }
    ).subtracting(keywords)

    /// Whether C reserves `name` for the implementation: `__` or `_` and a capital letter (C11 7.1.3).
    static func isReservedIdentifier(_ name: String) -> Bool {
        var bytes = name.utf8.makeIterator()
        guard bytes.next() == UInt8(ascii: "_"), let second = bytes.next() else { return false }
        return second == UInt8(ascii: "_") || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(second)
    }

    /// What a listed name is, so that one lookup answers for every list (every argument of every event is looked
    /// up). The header macros hold no name C reserves (``CHeaderMacros``), so the reserved rule comes after.
    private enum Listed { case keyword, typeName, headerMacro }

    private static let listed: [String: Listed] = {
        var listed = Dictionary(uniqueKeysWithValues: CHeaderMacros.names.map { ($0, Listed.headerMacro) })
        for name in typeNames { listed[name] = .typeName }
        for name in keywords { listed[name] = .keyword }
        return listed
    }()

    /// Why `name` cannot be an argument's name, or nil if it can.
    public static func problem(withArgumentName name: String) -> String? {
        switch listed[name] {
        case .keyword: return "argument name '\(name)' is a C keyword"
        case .typeName: return "argument name '\(name)' is a C type name"
        case .headerMacro: return macro(name)
        case nil: break
        }
        if isReservedIdentifier(name) { return reserved(name) }
        return name.hasPrefix(CHeaderMacros.systemCallPrefix) ? macro(name) : nil
    }

    private static func macro(_ name: String) -> String {
        "argument name '\(name)' is a macro of the C headers the tracepoint provider includes "
            + "(the preprocessor would replace it)"
    }

    private static func reserved(_ name: String) -> String {
        "argument name '\(name)' is reserved in C (it starts with '__' or '_' and a capital letter, "
            + "the names of the compiler and the C library such as __func__)"
    }
}
