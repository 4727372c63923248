import Foundation

/// Where the migration tests find their tools and scratch space (the subset of the generation tests'
/// `TestPaths` that the copied `ProcessRunner` needs).
enum TestPaths {
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

    /// The `vfio-migrate` built beside the test bundle (`swift build --build-tests` builds every product).
    static func vfioMigrate() throws -> URL {
        let testBinary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let candidate = testBinary.deletingLastPathComponent().appendingPathComponent("vfio-migrate")
        guard FileManager.default.isExecutableFile(atPath: candidate.path) else {
            throw TestFailure("vfio-migrate is not built next to the tests at \(candidate.path); run 'swift build --build-tests' first")
        }
        return candidate
    }
}

/// A failed expectation with a message for people.
struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
