/// `swift-tracetool check` of one file one line at a time: each line is parsed, validated and put through
/// every backend's check, and its diagnostics are handed on, before the next line is read. Nothing of a line
/// is kept but its events' names (for duplicates), unless the caller keeps the parsed lines (`check --sources`
/// and `list` need the events), so memory is the file's bytes plus one entry per event, and time is linear in
/// the file whatever its shape. ``DiagnosticReport`` makes every check through here.
///
/// The rules are the loader's, validator's and backends' own (``TraceEventsParser``, ``TraceEventsValidator``,
/// ``CodeGenerator/check(_:)``), applied in the same order, so the diagnostics are those of ``TraceEventsLoader``
/// followed by the backend checks: `check` and `generate` never disagree.
enum TraceEventsCheck {
    /// Checks the UTF-8 `bytes` of the file at `path`, calling `keep` with each parsed line (when the caller
    /// wants the file) and `emit` with each diagnostic in file order; the backends' problems come last, and only
    /// when nothing else was an error (as `generate` runs them after loading).
    static func run(
        bytes: UnsafeBufferPointer<UInt8>, path: String, validator: TraceEventsValidator,
        target: String?, group: String?, provider: String?, keep: ((TraceEventsFile.Line) -> Void)? = nil,
        emit: (Diagnostic) -> Void
    ) {
        let lines = TraceEventsLines(bytes: bytes)
        // The directives may stand anywhere and name the provider and backends every event is checked with.
        var comments: [(line: Int, text: String)] = []
        let lineCount = lines.forEach { line, number in
            if let text = TraceEventsParser.LineState.comment(in: line), GenerationDirectives.body(ofComment: text) != nil {
                comments.append((number, text))
            }
        }
        let directives = Result { try GenerationDirectives(comments: comments, path: path) }
        var directiveProblem = GenerationNames.directiveProblem(path: path) { try directives.get() }
        let context = try? GenerationContext.resolve(
            directives: directives.get(), file: TraceEventsFile(path: path, lines: []), target: target, group: group,
            provider: provider)

        var state = TraceEventsParser.LineState(path: path)
        var names = TraceEventsValidator.NameRegistry(capacity: lineCount)
        var backendProblems: [Diagnostic] = []
        var sawError = false
        func hand(_ diagnostic: Diagnostic) {
            if diagnostic.severity == .error { sawError = true }
            emit(diagnostic)
        }
        let count = lines.forEach { line, number in
            var diagnostics: [Diagnostic] = []
            if let problem = directiveProblem, problem.location.line <= number {
                diagnostics.append(problem)
                directiveProblem = nil
            }
            let parsed = state.parse(line, number: number, diagnostics: &diagnostics)
            keep?(parsed)
            if case .event(let declaration) = parsed {
                let expanded = declaration.expandedEvents
                diagnostics += validator.validate(declaration, expanded: expanded, names: &names)
                if let context {
                    for event in expanded { backendProblems += CodeGenerator.check(event, in: context) }
                }
            }
            diagnostics.sortedByLocation().forEach(hand)
        }
        directiveProblem.map(hand)
        TraceEventsParser.missingNewline(lines, lineCount: count, path: path).map(hand)
        if !sawError { backendProblems.forEach(emit) }
    }
}
