/// How an event that no code calls is reported: set per `trace-events` file by the directive
///
///     # swift-tracetool: unused=error
///
/// (`warning`, the default; `error`, which fails the build; or `off`), or for one run by a tool option.
/// Undefined calls are always errors: the compiler would refuse them anyway.
public enum UnusedEventPolicy: String, Sendable, Hashable, CaseIterable {
    /// A warning at the event's line; the build goes on.
    case warning
    /// An error at the event's line; the build stops.
    case error
    /// Not reported.
    case off

    /// The directive key.
    public static let directiveKey = "unused"

    /// The severity of the diagnostic, or nil when nothing is reported.
    public var severity: Diagnostic.Severity? {
        switch self {
        case .warning: .warning
        case .error: .error
        case .off: nil
        }
    }

    /// The policy a file's `unused=` directive sets: nil when the file has none, a diagnostic at the line
    /// when the value is not one of the policies. The last directive wins.
    public static func directive(in file: TraceEventsFile) -> Result<UnusedEventPolicy?, Diagnostic> {
        var found: UnusedEventPolicy?
        for (index, line) in file.lines.enumerated() {
            guard case .comment(let text) = line, let settings = Self.directiveSettings(text) else { continue }
            for setting in settings {
                let parts = setting.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard parts.count == 2, parts[0] == Self.directiveKey else { continue }
                guard let policy = UnusedEventPolicy(rawValue: String(parts[1])) else {
                    let column = (text.utf8.count - text.drop { $0 == " " || $0 == "\t" }.utf8.count) + 1
                    return .failure(Diagnostic(
                        .error,
                        "unknown value '\(parts[1])' for '\(Self.directiveKey)=': expected \(allCases.map(\.rawValue).joined(separator: ", "))",
                        at: TextLocation(file: file.path, line: index + 1, column: column)))
                }
                found = policy
            }
        }
        return .success(found)
    }

    /// The `KEY=VALUE` words of a `# swift-tracetool: ...` comment, or nil for any other comment.
    private static func directiveSettings(_ comment: String) -> [Substring]? {
        GenerationDirectives.body(ofComment: comment)?.split(whereSeparator: { $0 == " " || $0 == "\t" })
    }
}
