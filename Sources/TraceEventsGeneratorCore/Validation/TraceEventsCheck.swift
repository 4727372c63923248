import Foundation

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
    /// The bytes one piece of a large file holds (whole lines, so a little more): large enough that a piece
    /// outweighs handing it between threads, small enough that what pieces computed ahead hold stays small.
    static let defaultBlockSize = 1 << 20

    /// Checks the UTF-8 `bytes` of the file at `path`, calling `keep` with each parsed line (when the caller
    /// wants the file) and `emit` with each diagnostic in file order; the backends' problems come last, and only
    /// when nothing else was an error (as `generate` runs them after loading).
    ///
    /// The file is checked in pieces of about `blockSize` bytes on every core (``OrderedPipeline``): a piece's
    /// lines are parsed, validated and put through the backends on their own; the names, which a later event
    /// is checked against, are registered in file order, here, as the pieces are handed on.
    static func run(
        bytes: UnsafeBufferPointer<UInt8>, path: String, validator: TraceEventsValidator,
        target: String?, group: String?, provider: String?, keep: ((TraceEventsFile.Line) -> Void)? = nil,
        blockSize: Int = defaultBlockSize, emit: (Diagnostic) -> Void
    ) {
        let lines = TraceEventsLines(bytes: bytes)
        let outline = Outline(lines, path: path, blockSize: blockSize)
        let directives = Result { try GenerationDirectives(comments: outline.directiveComments, path: path) }
        var directiveProblem = GenerationNames.directiveProblem(path: path) { try directives.get() }
        let context = try? GenerationContext.resolve(
            directives: directives.get(), file: TraceEventsFile(path: path, lines: []), target: target, group: group,
            provider: provider)

        var names = TraceEventsValidator.NameRegistry(capacity: outline.lineCount)
        var backendProblems: [Diagnostic] = []
        var sawError = false
        func hand(_ diagnostic: Diagnostic) {
            if diagnostic.severity == .error { sawError = true }
            emit(diagnostic)
        }
        let shared = SharedBytes(bytes: bytes)
        let keeping = keep != nil
        OrderedPipeline.run(
            count: outline.blocks.count, workers: ProcessInfo.processInfo.activeProcessorCount, window: 8,
            compute: { index in
                check(outline.blocks[index], of: shared.bytes, validator: validator, context: context, keeping: keeping)
            },
            consume: { checked in
                for line in checked {
                    line.parsed.map { keep?($0) }
                    var diagnostics: [Diagnostic] = []
                    if let problem = directiveProblem, problem.location.line <= line.number {
                        diagnostics.append(problem)
                        directiveProblem = nil
                    }
                    diagnostics += line.diagnostics
                    for (name, location) in line.names { diagnostics += names.register(name, at: location) }
                    backendProblems += line.backendProblems
                    diagnostics.sortedByLocation().forEach(hand)
                }
            })
        directiveProblem.map(hand)
        TraceEventsParser.missingNewline(lines, lineCount: outline.lineCount, path: path).map(hand)
        if !sawError { backendProblems.forEach(emit) }
    }

    /// One piece of the file: whole lines from byte `start` up to `end`, the first numbered `firstLine`, and
    /// what the comments before it set (`# file.c`, `target-long-bits`).
    struct Block: Sendable {
        var start: Int
        var end: Int
        var firstLine: Int
        var state: TraceEventsParser.LineState
    }

    /// What one pass over the file's lines finds before any is checked: the directive comments (which apply to
    /// the whole file), the line count, and the pieces to check.
    struct Outline: Sendable {
        var directiveComments: [(line: Int, text: String)] = []
        var lineCount = 0
        var blocks: [Block] = []

        init(_ lines: TraceEventsLines, path: String, blockSize: Int) {
            var state = TraceEventsParser.LineState(path: path)
            var ignored: [Diagnostic] = []
            let base = lines.bytes.baseAddress
            lineCount = lines.forEach { line, number in
                let offset = base.map { line.baseAddress! - $0 } ?? 0
                if blocks.isEmpty || offset - blocks[blocks.count - 1].start >= blockSize {
                    if !blocks.isEmpty { blocks[blocks.count - 1].end = offset }
                    blocks.append(Block(start: offset, end: lines.bytes.count, firstLine: number, state: state))
                }
                guard let text = TraceEventsParser.LineState.comment(in: line) else { return }
                state.note(comment: text, at: TextLocation(file: path, line: number, column: 1), diagnostics: &ignored)
                ignored.removeAll()
                if GenerationDirectives.body(ofComment: text) != nil { directiveComments.append((number, text)) }
            }
        }
    }

    /// What checking one line found, for the consumer to put in order: its diagnostics but those of duplicate
    /// names, the names of the events it defines, its backends' problems, and the line itself if it is kept.
    /// Lines with none of these are left out.
    struct CheckedLine: Sendable {
        var number: Int
        var parsed: TraceEventsFile.Line?
        var diagnostics: [Diagnostic]
        var names: [(String, TextLocation)]
        var backendProblems: [Diagnostic]
    }

    /// The lines of `block` parsed, validated and put through every backend's check.
    static func check(
        _ block: Block, of bytes: UnsafeBufferPointer<UInt8>, validator: TraceEventsValidator,
        context: GenerationContext?, keeping: Bool
    ) -> [CheckedLine] {
        var state = block.state.withOwnPath()
        var checked: [CheckedLine] = []
        TraceEventsLines(bytes: UnsafeBufferPointer(rebasing: bytes[block.start..<block.end])).forEach { line, offset in
            let number = block.firstLine + offset - 1
            var diagnostics: [Diagnostic] = []
            let parsed = state.parse(line, number: number, diagnostics: &diagnostics)
            var names: [(String, TextLocation)] = []
            var backendProblems: [Diagnostic] = []
            if case .event(let declaration) = parsed {
                let expanded = declaration.expandedEvents
                diagnostics += validator.validateDeclaration(declaration, expanded: expanded)
                names = expanded.map { ($0.name, $0.location) }
                if let context {
                    for event in expanded { backendProblems += CodeGenerator.check(event, in: context) }
                }
            }
            if keeping || !diagnostics.isEmpty || !names.isEmpty || !backendProblems.isEmpty {
                checked.append(
                    CheckedLine(
                        number: number, parsed: keeping ? parsed : nil, diagnostics: diagnostics, names: names,
                        backendProblems: backendProblems))
            }
        }
        return checked
    }

    /// The file's bytes, read by the pieces' threads while ``run`` waits for them.
    private struct SharedBytes: @unchecked Sendable {
        let bytes: UnsafeBufferPointer<UInt8>
    }
}
