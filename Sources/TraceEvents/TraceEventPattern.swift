/// One event pattern in QEMU's `-trace` grammar: an event name or a glob over names (`*` any run of characters,
/// `?` any one character), turning the matching events on, or off when written with a leading `-`.
///
/// Patterns apply in order and later ones win: `vfio_*,-vfio_save_buffer` traces every `vfio_` event but one.
/// Matching is case-sensitive, like C identifiers.
public struct TraceEventPattern: Sendable, Hashable, CustomStringConvertible {
    /// The glob, without the leading `-`.
    public let glob: String
    /// Whether the pattern turns events on (no leading `-`) or off.
    public let enables: Bool

    /// Parses one pattern such as `vfio_*` or `-vfio_save_buffer`.
    ///
    /// Surrounding whitespace is ignored. Throws when the text is empty, is a lone `-`, or holds a character
    /// that can appear neither in an event name nor in a glob.
    public init(_ text: String) throws(TraceEventPatternError) {
        let trimmed = text.trimmingASCIIWhitespace()
        if trimmed.isEmpty {
            throw TraceEventPatternError(pattern: text, reason: "the pattern is empty")
        }
        if trimmed.first == "-" {
            try self.init(glob: String(trimmed.dropFirst()), enables: false, original: text, offsetInText: 1)
        } else {
            try self.init(glob: trimmed, enables: true, original: text, offsetInText: 0)
        }
    }

    /// Creates a pattern from a glob (which must not start with `-`) and what it does to matching events.
    public init(glob: String, enables: Bool) throws(TraceEventPatternError) {
        try self.init(glob: glob, enables: enables, original: glob, offsetInText: 0)
    }

    /// `offsetInText` is where the glob starts in the (trimmed) text, so that errors point into what the user wrote.
    private init(glob: String, enables: Bool, original: String, offsetInText: Int) throws(TraceEventPatternError) {
        if glob.isEmpty {
            throw TraceEventPatternError(pattern: original, reason: "'-' must be followed by an event name or glob")
        }
        for (offset, byte) in glob.utf8.enumerated() where !Self.isAllowed(byte) {
            let character = glob.utf8.index(glob.utf8.startIndex, offsetBy: offset)
            let shown = glob[character...].first.map(String.init) ?? "?"
            let position = offset + offsetInText
            let reason: String
            if byte != UInt8(ascii: "-") {
                reason = "character '\(shown)' at offset \(position) can appear in neither an event name nor a glob "
                    + "(use letters, digits, '_', '*' and '?')"
            } else if offset > 0 {
                reason = "'-' may only start a pattern (to turn events off), found one at offset \(position)"
            } else if original.trimmingASCIIWhitespace().hasPrefix("--") {
                reason = "only one leading '-' is allowed"
            } else {
                reason = "a glob cannot start with '-': write the pattern '-NAME', or call disable, to turn events off"
            }
            throw TraceEventPatternError(pattern: original, reason: reason)
        }
        self.glob = glob
        self.enables = enables
    }

    /// Whether the pattern is a glob (QEMU reports unknown exact names differently from empty globs).
    public var isGlob: Bool { glob.utf8.contains { $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "?") } }

    /// Whether `name` matches the glob.
    public func matches(_ name: String) -> Bool {
        var name = name
        return name.withUTF8 { matches($0) }
    }

    /// Whether the UTF-8 `name` matches the glob: iterative, with one backtrack point, so linear in practice and
    /// quadratic at worst, never exponential.
    func matches(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        var glob = glob
        return glob.withUTF8 { pattern in
            var p = 0, n = 0
            var starP = -1, starN = 0
            while n < name.count {
                if p < pattern.count && (pattern[p] == UInt8(ascii: "?") || pattern[p] == name[n]) {
                    p += 1
                    n += 1
                } else if p < pattern.count && pattern[p] == UInt8(ascii: "*") {
                    starP = p
                    starN = n
                    p += 1
                } else if starP >= 0 {
                    p = starP + 1
                    starN += 1
                    n = starN
                } else {
                    return false
                }
            }
            while p < pattern.count && pattern[p] == UInt8(ascii: "*") { p += 1 }
            return p == pattern.count
        }
    }

    /// The pattern as written: the glob, with `-` in front when it turns events off.
    public var description: String { enables ? glob : "-\(glob)" }

    private static func isAllowed(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "*"), UInt8(ascii: "?"):
            true
        default:
            false
        }
    }
}
