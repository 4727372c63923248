import Foundation
import Testing

/// Compares generated text with a checked-in golden file; `RECORD_GOLDEN=1` rewrites the golden instead.
enum GoldenFile {
    static let directory = TestPaths.testsDirectory.appending(path: "Golden")

    static var isRecording: Bool { ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" }

    /// Expects `actual` to equal the golden file `name`, or records it.
    static func check(_ actual: String, against name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = directory.appending(path: name)
        if isRecording {
            try Data(actual.utf8).write(to: url)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("golden file \(url.path) is missing: run the tests with RECORD_GOLDEN=1 to record it", sourceLocation: sourceLocation)
            return
        }
        if actual != expected {
            let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let firstDifference = zip(actualLines, expectedLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                ?? min(actualLines.count, expectedLines.count)
            let got = firstDifference < actualLines.count ? String(actualLines[firstDifference]) : "<end of file>"
            let want = firstDifference < expectedLines.count ? String(expectedLines[firstDifference]) : "<end of file>"
            Issue.record(
                "\(name) differs from the generated text at line \(firstDifference + 1):\n  golden:    \(want)\n  generated: \(got)\n(re-record with RECORD_GOLDEN=1 if the change is intended)",
                sourceLocation: sourceLocation
            )
        }
    }
}
