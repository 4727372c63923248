/// The settings a trace-events file gives the generator in `#` comments, so the file stays valid for QEMU's own
/// tracetool:
///
///     # swift-tracetool: group=vfio_migration provider=vfio_migration backends=runtime,lttng
///
/// Each key may appear once per line; a later line overrides an earlier one.
public struct GenerationDirectives: Sendable {
    /// The comment prefix that marks a directive line.
    public static let prefix = "swift-tracetool:"

    /// The keys a directive may set (`unused` is read by the sync check, ``UnusedEventPolicy``;
    /// `target-long-bits` by the parser, for QEMU's target-dependent format macros).
    public static let keys = ["group", "provider", "unused", "backends", QEMUFormatMacros.targetLongBitsKey]

    /// One setting: its value and the line it was read from.
    public struct Setting: Sendable {
        /// The text after `=`.
        public var value: String
        /// The directive's line, for errors about the value.
        public var location: TextLocation
    }

    /// The settings by key.
    public var settings: [String: Setting] = [:]

    /// The value of `key`, or nil when no directive sets it.
    public subscript(key: String) -> Setting? { settings[key] }

    /// Reads every directive line of `file`.
    ///
    /// - Throws: a ``Diagnostic`` at the line of a malformed setting or an unknown key.
    public init(file: TraceEventsFile) throws {
        let comments = file.lines.enumerated().lazy.compactMap { index, line -> (line: Int, text: String)? in
            guard case .comment(let text) = line else { return nil }
            return (index + 1, text)
        }
        try self.init(comments: comments, path: file.path)
    }

    /// Reads the directives among `comments` (each a comment line's number and text, in file order) of the file
    /// at `path`; other comments are skipped.
    ///
    /// - Throws: a ``Diagnostic`` at the line of a malformed setting or an unknown key.
    public init(comments: some Sequence<(line: Int, text: String)>, path: String) throws {
        let keyList = Self.keys.joined(separator: ", ")
        for (line, text) in comments {
            guard let body = Self.body(ofComment: text) else { continue }
            let location = TextLocation(file: path, line: line, column: 1)
            for setting in body.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
                let parts = setting.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard parts.count == 2 else {
                    throw Diagnostic(.error, "malformed swift-tracetool directive '\(setting)': expected KEY=VALUE (keys: \(keyList))", at: location)
                }
                let key = String(parts[0])
                guard Self.keys.contains(key) else {
                    throw Diagnostic(.error, "unknown swift-tracetool directive key '\(key)' (keys: \(keyList))", at: location)
                }
                settings[key] = Setting(value: String(parts[1]), location: location)
            }
        }
    }

    /// The settings of a directive comment (the text after the prefix), or nil for any other comment.
    static func body(ofComment text: some StringProtocol) -> Substring? {
        let body = TraceEventsParser.commentText(text)
        guard body.hasPrefix(prefix) else { return nil }
        return body.dropFirst(prefix.count)
    }
}
