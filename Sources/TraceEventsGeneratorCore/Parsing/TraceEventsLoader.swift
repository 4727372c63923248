import Foundation

/// Reads, parses and validates `trace-events` files: what every tool does first.
public enum TraceEventsLoader {
    /// A file that could not be read.
    public struct ReadError: Error, CustomStringConvertible {
        /// The path that could not be read.
        public var path: String
        /// Why.
        public var reason: String
        /// A one-line message for people.
        public var description: String { "\(path): error: cannot read file: \(reason)" }
    }

    /// Loads one file: parse diagnostics first, then validation diagnostics (only for lines that parsed).
    public static func load(path: String) throws -> (file: TraceEventsFile, diagnostics: [Diagnostic]) {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ReadError(path: path, reason: (error as NSError).localizedDescription)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ReadError(path: path, reason: "not valid UTF-8")
        }
        return load(text: text, path: path)
    }

    /// Parses and validates text as if read from `path`.
    public static func load(text: String, path: String) -> (file: TraceEventsFile, diagnostics: [Diagnostic]) {
        let (file, parseDiagnostics) = TraceEventsParser().parse(text, path: path)
        let diagnostics = parseDiagnostics + TraceEventsValidator().validate(file)
        return (file, diagnostics.sorted { $0.location < $1.location })
    }
}
