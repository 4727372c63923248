/// The diagnostics of one `check` or `list` run over several files, and the summary line that ends it.
public struct DiagnosticReport: Sendable {
    /// Whether warnings count, and are printed, as errors (`--warnings-as-errors`).
    public var warningsAsErrors: Bool
    /// Every diagnostic so far, in the order the files were given; warnings already promoted if asked.
    public private(set) var diagnostics: [Diagnostic] = []
    /// Problems that have no position in a file (a file that cannot be read), as full lines.
    public private(set) var fileErrors: [String] = []
    /// How many files were examined, readable or not.
    public private(set) var fileCount = 0
    /// The number of errors, unreadable files included.
    public private(set) var errorCount = 0
    /// The number of warnings.
    public private(set) var warningCount = 0
    /// Whether any diagnostic (a note included) or unreadable file was found.
    private var foundAny = false

    /// Creates an empty report.
    public init(warningsAsErrors: Bool = false) {
        self.warningsAsErrors = warningsAsErrors
    }

    /// Checks the file at `path` as `generate` would: parse, validation, and every code generation backend's own
    /// check (with the same `target`, `group` and `provider` defaults); records the diagnostics and returns the
    /// file if it could be read. A file this reports no error for generates.
    @discardableResult
    public mutating func check(
        path: String, validator: TraceEventsValidator = TraceEventsValidator(),
        target: String? = nil, group: String? = nil, provider: String? = nil
    ) -> TraceEventsFile? {
        var lines: [TraceEventsFile.Line] = []
        var found: [Diagnostic] = []
        var problem: String?
        let read = run(path: path, validator: validator, target: target, group: group, provider: provider,
                       keep: { lines.append($0) }, emit: { found.append($0) }, unreadable: { problem = $0 })
        diagnostics += found
        if let problem { fileErrors.append(problem) }
        return read ? TraceEventsFile(path: path, lines: lines) : nil
    }

    /// Checks the file at `path` as ``check(path:validator:target:group:provider:)`` does, but keeps nothing:
    /// each diagnostic's line goes to `output` as soon as it is found, and neither the file's events nor its
    /// diagnostics are kept (only their counts), so a 100 MB file costs its bytes and one entry per event name.
    /// ``lines`` stays empty but for the summary; the unreadable file's line goes to `output` too.
    public mutating func stream(
        path: String, validator: TraceEventsValidator = TraceEventsValidator(),
        target: String? = nil, group: String? = nil, provider: String? = nil, to output: (String) -> Void
    ) {
        run(path: path, validator: validator, target: target, group: group, provider: provider,
            keep: nil, emit: { output($0.description) }, unreadable: output)
    }

    /// The one check both entry points make (``TraceEventsCheck``), one line at a time: each parsed line goes
    /// to `keep`, each diagnostic, counted and promoted if asked, to `emit`; an unreadable file is one error,
    /// its line handed to `unreadable`. Returns whether the file could be read.
    @discardableResult
    private mutating func run(
        path: String, validator: TraceEventsValidator, target: String?, group: String?, provider: String?,
        keep: ((TraceEventsFile.Line) -> Void)?, emit: (Diagnostic) -> Void, unreadable: (String) -> Void
    ) -> Bool {
        fileCount += 1
        do {
            try TraceEventsLoader.withContents(ofFileAt: path) { bytes in
                TraceEventsCheck.run(
                    bytes: bytes, path: path, validator: validator, target: target, group: group, provider: provider,
                    keep: keep
                ) { emit(count($0)) }
            }
            return true
        } catch {
            unreadable(String(describing: error))
            errorCount += 1
            foundAny = true
            return false
        }
    }

    /// Records diagnostics found by other means (for example in source files), promoting warnings if asked.
    public mutating func add(_ new: [Diagnostic]) {
        for diagnostic in new { diagnostics.append(count(diagnostic)) }
    }

    /// `diagnostic` promoted if asked, counted.
    private mutating func count(_ diagnostic: Diagnostic) -> Diagnostic {
        var counted = diagnostic
        if warningsAsErrors, diagnostic.severity == .warning { counted.severity = .error }
        switch counted.severity {
        case .error: errorCount += 1
        case .warning: warningCount += 1
        case .note: break
        }
        foundAny = true
        return counted
    }

    /// Whether the run failed.
    public var hasErrors: Bool { errorCount > 0 }

    /// The lines to print to standard error: every problem, then `N errors, M warnings in K files`; no
    /// lines at all when nothing was found, so clean runs stay quiet. After ``stream(path:validator:target:group:provider:to:)``
    /// only what was not streamed: the summary, and what ``add(_:)`` recorded.
    public var lines: [String] {
        guard foundAny else { return [] }
        return fileErrors + diagnostics.map(\.description) + [summary]
    }

    /// `2 errors, 1 warning in 3 files`.
    public var summary: String {
        "\(Self.count(errorCount, "error")), \(Self.count(warningCount, "warning")) in \(Self.count(fileCount, "file"))"
    }

    private static func count(_ value: Int, _ noun: String) -> String {
        "\(value) \(noun)\(value == 1 ? "" : "s")"
    }
}
