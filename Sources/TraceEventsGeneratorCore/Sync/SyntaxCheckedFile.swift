/// Reading `trace-events` files for the tools that rewrite or compare them, which need a file that
/// parses completely (the validator's semantic findings do not stop them).
public enum SyntaxCheckedFile {
    /// A file with syntax errors.
    public struct SyntaxErrors: Error, CustomStringConvertible {
        /// The errors.
        public var diagnostics: [Diagnostic]
        /// The errors, one `FILE:LINE:COL: error: ...` per line.
        public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
    }

    /// Reads and parses a file.
    ///
    /// - Throws: ``SourceFileCollector/ReadError`` when it cannot be read or is not UTF-8,
    ///   ``SyntaxErrors`` when it does not parse.
    public static func parse(path: String) throws -> TraceEventsFile {
        let (file, diagnostics) = TraceEventsParser().parse(try SourceFileCollector.read(path), path: path)
        let errors = diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty { throw SyntaxErrors(diagnostics: errors) }
        return file
    }
}
