import Foundation

/// Locates `../shared` (the project's shared test data) beside the checkout.
public enum SharedData {
    /// The package's root directory.
    public static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared`, or a thrown error that says it is missing.
    ///
    /// A git worktree kept in a subdirectory beside the main checkout (`wt/NAME`) finds the same folder
    /// one level further up. `STE_SHARED_DIR` names the folder instead: `.ci/newcomer --in-place` points it at
    /// a missing one, to run the tests as a checkout without `../shared` does.
    public static func directory() throws -> URL {
        let candidates = ProcessInfo.processInfo.environment["STE_SHARED_DIR"].map { [URL(fileURLWithPath: $0)] } ?? [
            packageRoot.deletingLastPathComponent().appendingPathComponent("shared"),
            packageRoot.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared"),
        ]
        for url in candidates
        where FileManager.default.fileExists(atPath: url.appendingPathComponent("qemu-trace-events").path) {
            return url
        }
        throw MissingSharedData(path: candidates[0].path)
    }

    /// Every `trace-events` file under `../shared/qemu-trace-events`, sorted.
    public static func qemuTraceEventsFiles() throws -> [URL] {
        let root = try directory().appendingPathComponent("qemu-trace-events")
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        var files: [URL] = []
        while let url = enumerator?.nextObject() as? URL {
            if url.lastPathComponent == "trace-events" { files.append(url) }
        }
        return files.sorted { $0.path < $1.path }
    }

    /// `../shared/vfio-history/trace-events.NAME`.
    public static func vfioHistory(_ name: String) throws -> URL {
        try directory().appendingPathComponent("vfio-history/trace-events.\(name)")
    }

    /// The text of a file that must exist.
    public static func text(of url: URL) throws -> String {
        try String(contentsOf: url, encoding: .utf8)
    }

    /// `../shared` is not beside the checkout.
    public struct MissingSharedData: Error, CustomStringConvertible {
        /// Where it was looked for.
        public let path: String
        /// What to tell people.
        public var description: String {
            "shared test data is missing: expected QEMU's trace-events files at \(path)/qemu-trace-events (the project's ../shared beside the checkout)"
        }
    }
}
