import PrintableText

/// A position in a `trace-events` file: 1-based line and 1-based byte column, as compilers report them.
public struct TextLocation: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    /// The file's path as it was given to the parser.
    public var file: String
    /// The 1-based line.
    public var line: Int
    /// The 1-based column, counted in UTF-8 bytes (what gcc, clang and SwiftPM expect).
    public var column: Int

    /// Creates a location.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `FILE:LINE:COL`.
    public var description: String { "\(PrintableText.escaped(file)):\(line):\(column)" }

    /// Orders by file, then line, then column.
    public static func < (lhs: TextLocation, rhs: TextLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }
}

/// A problem found in a `trace-events` file or in code that uses its events.
///
/// Its ``description`` is the one-line form that SwiftPM, Xcode and editors turn into an inline message:
/// `FILE:LINE:COL: error: MESSAGE`.
public struct Diagnostic: Error, Hashable, Sendable, Codable, CustomStringConvertible {
    /// How bad the problem is.
    public enum Severity: String, Hashable, Sendable, Codable {
        /// The file cannot be used; generation stops and the build fails.
        case error
        /// The file can be used, but something is likely wrong.
        case warning
        /// Extra information attached to the diagnostic before it.
        case note
    }

    /// How bad the problem is.
    public var severity: Severity
    /// What is wrong, in one sentence without a trailing period; outside text in it is printable and bounded
    /// (see ``PrintableText/message(_:limit:)``).
    public var message: String
    /// Where it is.
    public var location: TextLocation

    /// Creates a diagnostic.
    public init(_ severity: Severity, _ message: String, at location: TextLocation) {
        self.severity = severity
        self.message = PrintableText.message(message)
        self.location = location
    }

    /// `FILE:LINE:COL: SEVERITY: MESSAGE`.
    public var description: String { "\(location): \(severity.rawValue): \(message)" }
}

extension Array where Element == Diagnostic {
    /// Whether any of the diagnostics is an error.
    public var containsErrors: Bool { contains { $0.severity == .error } }
}

extension Array where Element == Diagnostic {
    /// The diagnostics in file order, each note kept right after the diagnostic it explains (a note may point
    /// earlier in the line than its error, but must be printed after it). Equal locations keep their order.
    public func sortedByLocation() -> [Diagnostic] {
        var groups: [[Diagnostic]] = []
        for diagnostic in self {
            if diagnostic.severity == .note, !groups.isEmpty {
                groups[groups.count - 1].append(diagnostic)
            } else {
                groups.append([diagnostic])
            }
        }
        return groups.enumerated()
            .sorted { ($0.element[0].location, $0.offset) < ($1.element[0].location, $1.offset) }
            .flatMap(\.element)
    }
}
