import TraceEventsGeneratorCore

/// The promise `swift-tracetool check` makes, tested on one input: its diagnostics are printable single lines
/// of bounded length at positions inside the file, and when it reports no error, every output format
/// generates, and the generated Swift and C are well formed (brackets balanced outside literals and comments,
/// no raw control characters).
///
/// The libFuzzer target (`Tests/Fuzz/Entry`) and the regression and compile tests both call this, so what the
/// fuzzer checks is what the suite checks.
enum TraceEventsInvariant {
    /// The longest diagnostic line the bounded excerpts allow, with room to spare.
    static let maximumDiagnosticBytes = 2 * 1024

    /// The C target generated code is named after: group `fuzz`.
    static let target = "FuzzTracepoints"

    /// What an accepted input generates.
    struct Generated {
        var context: GenerationContext
        var swift: String
        var cHeader: String
        var cSource: String
    }

    /// The first broken promise for `bytes`, or nil when there is none.
    static func violation(in bytes: [UInt8]) -> String? {
        // Invalid UTF-8 is refused before parsing ("not valid UTF-8"); nothing more to check.
        guard let text = String(validating: bytes, as: UTF8.self) else { return nil }
        switch outcome(of: text) {
        case .rejected(let problem): return problem
        case .accepted(_, let problem): return problem
        }
    }

    /// What `check` and `generate` make of `text`.
    enum Outcome {
        /// `check` reports an error; the string is a broken promise about the diagnostics, if any.
        case rejected(String?)
        /// `check` reports no error: the outputs, and a broken promise about them, if any.
        case accepted(Generated?, String?)
    }

    static func outcome(of text: String, target: String = target) -> Outcome {
        let path = "fuzz.trace-events"
        let (file, diagnostics) = TraceEventsLoader.load(text: text, path: path)
        if let problem = diagnosticProblem(diagnostics, in: text) { return .rejected(problem) }
        if diagnostics.containsErrors { return .rejected(nil) }
        let context: GenerationContext
        do {
            context = try GenerationContext.resolve(file: file, target: target)
        } catch {
            return .accepted(nil, "check passed but generate cannot resolve names: \(error)")
        }
        // Backend limits: check reports them as errors too (DiagnosticReport.check runs the same).
        if CodeGenerator.check(context).containsErrors { return .rejected(nil) }
        do {
            let generated = Generated(
                context: context,
                swift: try CodeGenerator.generate(.swift, context: context),
                cHeader: try CodeGenerator.generate(.cHeader, context: context),
                cSource: try CodeGenerator.generate(.cSource, context: context))
            for (name, output, language) in [
                ("Swift", generated.swift, SourceShape.Language.swift),
                ("C header", generated.cHeader, .c), ("C source", generated.cSource, .c),
            ] {
                if let problem = SourceShape.problem(in: output, language: language) {
                    return .accepted(generated, "generated \(name) is malformed: \(problem)")
                }
            }
            return .accepted(generated, nil)
        } catch {
            return .accepted(nil, "check passed but generate failed: \(error)")
        }
    }

    private static func diagnosticProblem(_ diagnostics: [Diagnostic], in text: String) -> String? {
        let lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        for diagnostic in diagnostics {
            let line = diagnostic.description
            if line.unicodeScalars.contains(where: SourceShape.isRawControl) {
                return "diagnostic with a raw control character: \(line.debugDescription)"
            }
            if line.utf8.count > maximumDiagnosticBytes { return "diagnostic of \(line.utf8.count) bytes" }
            let location = diagnostic.location
            guard location.line >= 1, location.line <= max(lines.count, 1) else {
                return "diagnostic at line \(location.line) of a \(lines.count)-line file: \(line)"
            }
            let width = lines.isEmpty ? 0 : lines[location.line - 1].count
            guard location.column >= 1, location.column <= width + 2 else {
                return "diagnostic at column \(location.column) of a \(width)-byte line: \(line)"
            }
        }
        return nil
    }
}

/// A cheap test of generated code's shape, for the fuzzer's millions of inputs (the compile test compiles a
/// sample for real).
enum SourceShape {
    enum Language { case swift, c }

    /// Control characters other than newline and tab, line and paragraph separators, and NEL.
    static func isRawControl(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\n" && scalar != "\t") || scalar.value == 0x7F || scalar.value == 0x85
            || scalar == "\u{2028}" || scalar == "\u{2029}"
    }

    /// The first problem in `text`: a raw control character, or brackets unbalanced outside string and
    /// character literals and comments.
    static func problem(in text: String, language: Language) -> String? {
        // U+2028 may stand in a Swift string literal (it is no line break there), so only the others count.
        if let bad = text.unicodeScalars.first(where: { isRawControl($0) && $0 != "\u{2028}" && $0 != "\u{2029}" }) {
            return "raw U+\(String(bad.value, radix: 16)) in the output"
        }
        var stack: [UInt8] = []
        var line = 1
        let bytes = Array(text.utf8)
        var index = 0
        func at(_ offset: Int) -> UInt8 { index + offset < bytes.count ? bytes[index + offset] : 0 }
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\n"): line += 1
            case UInt8(ascii: "/") where at(1) == UInt8(ascii: "/"):
                while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
                continue
            case UInt8(ascii: "/") where at(1) == UInt8(ascii: "*"):
                index += 2
                while index < bytes.count, !(bytes[index] == UInt8(ascii: "*") && at(1) == UInt8(ascii: "/")) {
                    if bytes[index] == UInt8(ascii: "\n") { line += 1 }
                    index += 1
                }
                guard index < bytes.count else { return "unterminated comment" }
                index += 2
                continue
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                // Swift has no character literals; its apostrophes only appear in comments.
                guard byte == UInt8(ascii: "\"") || language == .c else { break }
                index += 1
                while index < bytes.count, bytes[index] != byte {
                    if bytes[index] == UInt8(ascii: "\n") { return "line break inside a literal on line \(line)" }
                    index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
                }
                guard index < bytes.count else { return "unterminated literal" }
            case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"): stack.append(byte)
            case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
                let opening: UInt8 = byte == UInt8(ascii: ")") ? UInt8(ascii: "(") : byte == UInt8(ascii: "]") ? UInt8(ascii: "[") : UInt8(ascii: "{")
                guard stack.popLast() == opening else { return "unbalanced '\(Character(Unicode.Scalar(byte)))' on line \(line)" }
            default: break
            }
            index += 1
        }
        return stack.isEmpty ? nil : "\(stack.count) unclosed brackets at the end"
    }
}
