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

    /// Why `name` cannot be an argument's name, or nil if it can.
    public static func problem(withArgumentName name: String) -> String? {
        if keywords.contains(name) { return "argument name '\(name)' is a C keyword" }
        if typeNames.contains(name) { return "argument name '\(name)' is a C type name" }
        return nil
    }
}
