/// One rename of an event: `OLD NEW`.
public struct RenamePair: Hashable, Sendable {
    /// The event's current name.
    public var old: String
    /// The name it gets.
    public var new: String

    /// Creates a pair.
    public init(old: String, new: String) {
        self.old = old
        self.new = new
    }

    /// A problem in a list of pairs, phrased for people.
    public struct ParseError: Error, CustomStringConvertible {
        /// The message, `FILE:LINE:COL: error: ...` when it comes from a pairs file.
        public var description: String
    }

    /// Pairs from command-line words `OLD NEW OLD NEW ...`.
    public static func pairs(fromWords words: [String]) throws -> [RenamePair] {
        guard words.count % 2 == 0 else {
            throw ParseError(description: "rename needs OLD NEW pairs; '\(words.last ?? "")' has no new name")
        }
        return stride(from: 0, to: words.count, by: 2).map { RenamePair(old: words[$0], new: words[$0 + 1]) }
    }

    /// Pairs from a pairs file: one `OLD NEW` per line; `#` starts a comment that runs to the end of the
    /// line; blank lines are ignored.
    public static func pairs(fromFileText text: String, path: String) throws -> [RenamePair] {
        var pairs: [RenamePair] = []
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.prefix { $0 != "#" }
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            if words.isEmpty { continue }
            guard words.count == 2 else {
                let column = (line.firstIndex { $0 != " " && $0 != "\t" }).map { line.utf8.distance(from: line.startIndex, to: $0) + 1 } ?? 1
                throw ParseError(
                    description: "\(path):\(offset + 1):\(column): error: expected 'OLD NEW' (two event names), found \(words.count) word\(words.count == 1 ? "" : "s")")
            }
            pairs.append(RenamePair(old: String(words[0]), new: String(words[1])))
        }
        return pairs
    }
}
