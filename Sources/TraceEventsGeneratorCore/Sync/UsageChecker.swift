/// Checks that trace-events definitions and the code that calls them agree: every event is called
/// somewhere, and every `trace_` call names a defined event.
public struct UsageChecker: Sendable {
    /// How an event that nothing calls is reported when its file has no `unused=` directive.
    public var unusedSeverity: Diagnostic.Severity
    /// When set, overrides every file's `unused=` directive (a tool option given for one run).
    public var unusedPolicyOverride: UnusedEventPolicy?

    /// Creates a checker.
    public init(unusedSeverity: Diagnostic.Severity = .warning, unusedPolicyOverride: UnusedEventPolicy? = nil) {
        self.unusedSeverity = unusedSeverity
        self.unusedPolicyOverride = unusedPolicyOverride
    }

    /// Checks the events of `files` against the Swift and C files under `sourcePaths`.
    ///
    /// - Throws: ``SourceFileCollector/ReadError`` when a source path cannot be read.
    /// - Returns: the diagnostics, definitions first in file order, then undefined calls in source order.
    public func check(_ files: [TraceEventsFile], sourcePaths: [String]) throws -> [Diagnostic] {
        var sources: [(path: String, text: String)] = []
        for path in try SourceFileCollector.sourceFiles(under: sourcePaths) {
            sources.append((path, try SourceFileCollector.read(path)))
        }
        return check(files, sources: sources)
    }

    /// Checks the events of `files` against source texts already read.
    public func check(_ files: [TraceEventsFile], sources: [(path: String, text: String)]) -> [Diagnostic] {
        var used: Set<String> = []
        var undefined: [TraceCallToken] = []
        let defined = Set(files.flatMap { $0.expandedEvents.map(\.name) })
        for source in sources {
            guard let language = SourceLanguage(path: source.path) else { continue }
            for token in SourceScanner.traceTokens(in: source.text, path: source.path, language: language)
            where !token.isDeclaration {
                used.insert(token.eventName)
                if token.isCall && !defined.contains(token.eventName) { undefined.append(token) }
            }
        }
        var diagnostics: [Diagnostic] = []
        for file in files {
            let severity: Diagnostic.Severity?
            switch unusedSeverity(for: file) {
            case .success(let found): severity = found
            case .failure(let diagnostic):
                diagnostics.append(diagnostic)
                severity = unusedSeverity
            }
            guard let severity else { continue }
            for event in file.expandedEvents where !used.contains(event.name) {
                diagnostics.append(
                    Diagnostic(severity, "event '\(event.name)' is defined but trace_\(event.name) is never called",
                        at: event.location))
            }
        }
        let names = files.flatMap { $0.expandedEvents.map(\.name) }
        for token in undefined {
            var message = "call of undefined trace event '\(token.identifier)'"
            if let closest = EditDistance.closest(to: token.eventName, in: names) {
                message += "; did you mean 'trace_\(closest)' (defined at \(definition(of: closest, in: files)))?"
            } else {
                message += "; no trace-events file defines any event"
            }
            diagnostics.append(Diagnostic(.error, message, at: token.location))
        }
        return diagnostics
    }

    /// The option's policy, else the file's directive, else the default; nil when unused events are off.
    private func unusedSeverity(for file: TraceEventsFile) -> Result<Diagnostic.Severity?, Diagnostic> {
        if let unusedPolicyOverride { return .success(unusedPolicyOverride.severity) }
        return UnusedEventPolicy.directive(in: file).map { directive in
            guard let directive else { return unusedSeverity }
            return directive.severity
        }
    }

    private func definition(of name: String, in files: [TraceEventsFile]) -> String {
        for file in files {
            if let event = file.expandedEvents.first(where: { $0.name == name }) { return event.location.description }
        }
        return "?"
    }
}
