import Foundation

/// Locates `../shared` (the project's shared test data) beside the checkout.
enum SharedData {
    /// The package's root directory.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared`, or a thrown error that says it is missing.
    ///
    /// A git worktree kept in a subdirectory beside the main checkout (`wt/NAME`) finds the same folder
    /// one level further up.
    static func directory() throws -> URL {
        let candidates = [
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
    static func qemuTraceEventsFiles() throws -> [URL] {
        let root = try directory().appendingPathComponent("qemu-trace-events")
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        var files: [URL] = []
        while let url = enumerator?.nextObject() as? URL {
            if url.lastPathComponent == "trace-events" { files.append(url) }
        }
        return files.sorted { $0.path < $1.path }
    }

    /// `../shared/vfio-history/trace-events.NAME`.
    static func vfioHistory(_ name: String) throws -> URL {
        try directory().appendingPathComponent("vfio-history/trace-events.\(name)")
    }

    /// The text of a file that must exist.
    static func text(of url: URL) throws -> String {
        try String(contentsOf: url, encoding: .utf8)
    }

    struct MissingSharedData: Error, CustomStringConvertible {
        let path: String
        var description: String {
            "shared test data is missing: expected QEMU's trace-events files at \(path)/qemu-trace-events (the project's ../shared beside the checkout)"
        }
    }
}

/// A fresh directory under the system's temporary directory, removed by ``remove()``.
struct ScratchDirectory {
    /// The directory's path.
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory
            .appendingPathComponent("sync-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// Writes `text` to `name` inside the directory (creating subdirectories) and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let file = (path as NSString).appendingPathComponent(name)
        try FileManager.default.createDirectory(
            atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: file, atomically: false, encoding: .utf8)
        return file
    }

    /// The text of `name` inside the directory.
    func read(_ name: String) throws -> String {
        try String(contentsOfFile: (path as NSString).appendingPathComponent(name), encoding: .utf8)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
