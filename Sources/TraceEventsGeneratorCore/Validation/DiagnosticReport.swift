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

    /// Creates an empty report.
    public init(warningsAsErrors: Bool = false) {
        self.warningsAsErrors = warningsAsErrors
    }

    /// Loads and validates the file at `path`, runs every code generation backend's own check on it as
    /// `generate` would (with the same `target`, `group` and `provider` defaults), records the diagnostics,
    /// and returns the file if it could be read. A file this reports no error for generates.
    @discardableResult
    public mutating func check(
        path: String, validator: TraceEventsValidator = TraceEventsValidator(),
        target: String? = nil, group: String? = nil, provider: String? = nil
    ) -> TraceEventsFile? {
        fileCount += 1
        do {
            let (file, diagnostics) = try TraceEventsLoader.load(path: path, validator: validator)
            add(diagnostics)
            if !diagnostics.containsErrors,
                let context = try? GenerationContext.resolve(file: file, target: target, group: group, provider: provider)
            {
                add(CodeGenerator.check(context))
            }
            return file
        } catch {
            fileErrors.append(String(describing: error))
            return nil
        }
    }

    /// Records diagnostics found by other means (for example in source files), promoting warnings if asked.
    public mutating func add(_ new: [Diagnostic]) {
        diagnostics += new.map { diagnostic in
            guard warningsAsErrors, diagnostic.severity == .warning else { return diagnostic }
            var promoted = diagnostic
            promoted.severity = .error
            return promoted
        }
    }

    /// The number of errors, unreadable files included.
    public var errorCount: Int { fileErrors.count + diagnostics.filter { $0.severity == .error }.count }
    /// The number of warnings.
    public var warningCount: Int { diagnostics.filter { $0.severity == .warning }.count }
    /// Whether the run failed.
    public var hasErrors: Bool { errorCount > 0 }

    /// The lines to print to standard error: every problem, then `N errors, M warnings in K files`; no
    /// lines at all when nothing was found, so clean runs stay quiet.
    public var lines: [String] {
        guard errorCount + warningCount > 0 || !diagnostics.isEmpty else { return [] }
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
