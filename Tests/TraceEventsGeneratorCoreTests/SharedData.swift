import Foundation

/// Locates `../shared` (the project's shared test data) beside the checkout.
enum SharedData {
    /// The package's root directory.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared`, or a thrown error that says it is missing.
    static func directory() throws -> URL {
        let url = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
        guard FileManager.default.fileExists(atPath: url.appendingPathComponent("qemu-trace-events").path) else {
            throw MissingSharedData(path: url.path)
        }
        return url
    }

    /// Every `trace-events` file under `../shared/qemu-trace-events`, sorted.
    static func qemuTraceEventsFiles() throws -> [URL] {
        let root = try directory().appendingPathComponent("qemu-trace-events")
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        var files: [URL] = []
        while let url = enumerator?.nextObject() as? URL {
            if url.lastPathComponent == "trace-events" { files.append(url) }
        }
        return files.sorted { $0.path < $1.path }
    }

    struct MissingSharedData: Error, CustomStringConvertible {
        let path: String
        var description: String {
            "shared test data is missing: expected QEMU's trace-events files at \(path)/qemu-trace-events (the project's ../shared beside the checkout)"
        }
    }
}
