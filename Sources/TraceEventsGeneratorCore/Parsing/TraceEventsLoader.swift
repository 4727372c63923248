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
    public static func load(
        path: String, validator: TraceEventsValidator = TraceEventsValidator()
    ) throws -> (file: TraceEventsFile, diagnostics: [Diagnostic]) {
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            throw ReadError(path: path, reason: "no such file")
        }
        if isDirectory.boolValue { throw ReadError(path: path, reason: "is a directory") }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ReadError(path: path, reason: (error as NSError).localizedDescription)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ReadError(path: path, reason: "not valid UTF-8")
        }
        return load(text: text, path: path, validator: validator)
    }

    /// Parses and validates text as if read from `path`.
    public static func load(
        text: String, path: String, validator: TraceEventsValidator = TraceEventsValidator()
    ) -> (file: TraceEventsFile, diagnostics: [Diagnostic]) {
        let (file, parseDiagnostics) = TraceEventsParser().parse(text, path: path)
        let diagnostics = parseDiagnostics + validator.validate(file)
        return (file, diagnostics.sortedByLocation())
    }
}
