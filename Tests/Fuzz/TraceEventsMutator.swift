import TestSupport

/// Mutations of `trace-events` text in the spirit of libFuzzer's (byte flips, inserts, dictionary tokens),
/// but deterministic and aware of the format, so a few hundred of them reach deep into the generator: the
/// compile test's inputs when no fuzzer corpus is given.
struct TraceEventsMutator {
    private var random: SeededRandom

    init(seed: UInt64) { random = SeededRandom(seed: seed) }

    /// Tokens that matter to the generator: types, conversions, properties, names that are keywords in
    /// Swift or C, escapes and characters that end comments or literals.
    static let tokens = [
        "int8_t", "uint16_t", "int32_t", "uint64_t", "long", "unsigned long", "size_t", "ssize_t", "bool", "char",
        "const char *", "void *", "uintptr_t", "%d", "%u", "%x", "%#lx", "%llu", "%\" PRIx64 \"", "%\" PRId32 \"",
        "%s", "%p", "%c", "%zu", "%zd", "%%", "%-8s", "%*d", "%.*s", "%08x", "disable ", "type", "self", "in",
        "func", "protocol", "default", "Type", "_x", "\\n", "\\t", "\\\"", "\\\\", "\\x1b", "\\001", "*/", "/*",
        "`", "$", "#", "\"", "(", ")", ",", " ", "void", "\r", "\u{2028}", "\u{1B}", "é", "\u{0}",
    ]

    mutating func below(_ bound: Int) -> Int { Int(random.next() % UInt64(max(bound, 1))) }

    /// One to four mutations of `text`.
    mutating func mutate(_ text: String) -> String {
        var scalars = Array(text.unicodeScalars)
        for _ in 0...below(4) {
            let position = below(scalars.count + 1)
            switch below(4) {
            case 0:  // insert a token
                scalars.insert(contentsOf: Self.tokens[below(Self.tokens.count)].unicodeScalars, at: position)
            case 1 where !scalars.isEmpty:  // delete a short run
                let end = min(position + below(6) + 1, scalars.count)
                if position < end { scalars.removeSubrange(position..<end) }
            case 2 where !scalars.isEmpty:  // duplicate a line
                let lines = String(String.UnicodeScalarView(scalars)).split(separator: "\n", omittingEmptySubsequences: false)
                let line = lines[below(lines.count)]
                scalars.insert(contentsOf: (line + "\n").unicodeScalars, at: 0)
            default:  // replace one scalar by a token
                if position < scalars.count { scalars.remove(at: position) }
                scalars.insert(contentsOf: Self.tokens[below(Self.tokens.count)].unicodeScalars, at: min(position, scalars.count))
            }
        }
        return String(String.UnicodeScalarView(scalars))
    }
}
