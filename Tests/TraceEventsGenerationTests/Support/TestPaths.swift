@_exported import Foundation
@_exported import TestSupport

extension TestPaths {
    /// This test target's directory.
    static var testsDirectory: URL { packageRoot.appending(path: "Tests/TraceEventsGenerationTests") }
}
