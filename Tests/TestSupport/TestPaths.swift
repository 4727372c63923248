import Foundation

/// Where the tests find the package, its shared data, tools and scratch space.
public enum TestPaths {
    /// The package's root directory.
    public static var packageRoot: URL { SharedData.packageRoot }

    /// The build products directory the test runner runs from (`.build/<triple>/debug`): it holds the
    /// modules (`Modules/`) and module maps that tests compiling generated code compile against, and the
    /// executables `swift build --build-tests` built.
    public static var productsDirectory: URL {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
    }

    /// `../shared`, or an error saying it is missing.
    public static func sharedDirectory() throws -> URL { try SharedData.directory() }

    /// Every `trace-events` file under `../shared/qemu-trace-events`, sorted.
    public static func qemuTraceEventsFiles() throws -> [URL] { try SharedData.qemuTraceEventsFiles() }

    /// A fresh temporary directory.
    public static func temporaryDirectory(_ label: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appending(path: "ste-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The first executable named `name` on PATH, or nil.
    public static func executable(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let url = URL(fileURLWithPath: String(directory)).appending(path: name)
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }
}

/// A failed expectation with a message for people.
public struct TestFailure: Error, CustomStringConvertible {
    /// The message.
    public let description: String
    /// Creates a failure with a message.
    public init(_ description: String) { self.description = description }
}
