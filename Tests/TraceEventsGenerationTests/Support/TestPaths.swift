import Foundation

/// Where the tests find the package, its shared data and its build products.
enum TestPaths {
    /// The package's root directory.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// This test target's directory.
    static let testsDirectory = packageRoot.appending(path: "Tests/TraceEventsGenerationTests")

    /// The build products directory the test runner runs from (`.build/<triple>/debug`): it holds the
    /// modules (`Modules/`) and module maps the corpus compile test compiles against.
    static var productsDirectory: URL {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
    }

    /// `../shared`, or an error saying it is missing.
    static func sharedDirectory() throws -> URL {
        let url = packageRoot.deletingLastPathComponent().appending(path: "shared")
        guard FileManager.default.fileExists(atPath: url.appending(path: "qemu-trace-events").path) else {
            throw TestFailure("shared test data is missing: expected QEMU's trace-events files at \(url.path)/qemu-trace-events (the project's ../shared beside the checkout)")
        }
        return url
    }

    /// Every `trace-events` file under `../shared/qemu-trace-events`, sorted.
    static func qemuTraceEventsFiles() throws -> [URL] {
        let root = try sharedDirectory().appending(path: "qemu-trace-events")
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        var files: [URL] = []
        while let url = enumerator?.nextObject() as? URL {
            if url.lastPathComponent == "trace-events" { files.append(url) }
        }
        return files.sorted { $0.path < $1.path }
    }

    /// A fresh temporary directory.
    static func temporaryDirectory(_ label: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appending(path: "ste-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The first executable named `name` on PATH, or nil.
    static func executable(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let url = URL(fileURLWithPath: String(directory)).appending(path: name)
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }
}

/// A failed expectation with a message for people.
struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
